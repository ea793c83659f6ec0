import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import type { ClerkEvent } from '../src/core.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import { openTelemetry } from '../src/otel.ts';
import { createFakeClerk } from '../src/testing/index.ts';
import { KEY } from './helpers/wire.ts';

function traced() {
	const exporter = new InMemorySpanExporter();
	const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
	const fake = createFakeClerk({ secretKey: KEY });
	const logged: ClerkEvent[] = [];
	const core = new ClerkCore({
		secretKey: KEY,
		fetch: fake.fetch,
		retry: { delay: () => 0 },
		logger: openTelemetry(provider.getTracer('test'), (e) => logged.push(e)),
	});
	return { exporter, fake, core, logged };
}

describe('openTelemetry', () => {
	test("one CLIENT span per call, named by method and URL template, with HTTP client conventions' attributes", async () => {
		const { exporter, fake, core } = traced();
		fake.failNext(1, { status: 503 });

		const created = await signInTokensCreate(core, { userId: 'user_123' });
		await signInTokensRevoke(core, { signInTokenId: created.ok ? created.value.id : '' });

		const [create, revoke] = exporter.getFinishedSpans();
		expect(exporter.getFinishedSpans()).toHaveLength(2);
		expect(create?.name).toBe('POST /v1/sign_in_tokens');
		expect(create?.kind).toBe(SpanKind.CLIENT);
		expect(create?.attributes).toEqual({
			'http.request.method': 'POST',
			'url.template': '/v1/sign_in_tokens',
			'server.address': 'api.clerk.com',
			'server.port': 443,
			'clerk.operation': 'signInTokensCreate',
			'http.response.status_code': 200,
			'http.request.resend_count': 1,
			'clerk.trace_id': expect.stringMatching(/^[0-9a-f]{32}$/),
		});
		expect(create?.status.code).toBe(SpanStatusCode.UNSET);
		expect(revoke?.name).toBe('POST /v1/sign_in_tokens/{sign_in_token_id}/revoke');
		expect(revoke?.attributes['url.template']).toBe('/v1/sign_in_tokens/{sign_in_token_id}/revoke');
	});

	test("url.template is the absolute path: a proxy's path prefix comes first", async () => {
		const exporter = new InMemorySpanExporter();
		const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
		const fake = createFakeClerk();
		const core = new ClerkCore({
			serverURL: 'https://clerk-proxy.example.com:8443/clerk/v1/',
			fetch: (request: Request) => fake.fetch(request.url.replace('https://clerk-proxy.example.com:8443/clerk', 'https://api.clerk.com'), request),
			secretKey: fake.secretKey,
			logger: openTelemetry(provider.getTracer('test')),
		});

		await signInTokensCreate(core, { userId: 'user_123' });

		const [span] = exporter.getFinishedSpans();
		expect(span?.name).toBe('POST /clerk/v1/sign_in_tokens');
		expect(span?.attributes).toMatchObject({ 'url.template': '/clerk/v1/sign_in_tokens', 'server.address': 'clerk-proxy.example.com', 'server.port': 8443 });
	});

	test('an HTTP error sets error.type to the status code and the span status to ERROR', async () => {
		const { exporter, core } = traced();

		await signInTokensRevoke(core, { signInTokenId: 'sit_missing' });

		const [span] = exporter.getFinishedSpans();
		expect(span?.attributes['error.type']).toBe('404');
		expect(span?.attributes['http.response.status_code']).toBe(404);
		expect(span?.status.code).toBe(SpanStatusCode.ERROR);
	});

	test("a failure without a status sets error.type to the SDK's kind", async () => {
		const { exporter, fake, core } = traced();
		fake.failNext(1, 'network');

		await signInTokensCreate(core, { userId: 'user_123' }, { retry: 0 });

		expect(exporter.getFinishedSpans()[0]?.attributes['error.type']).toBe('connection');
	});

	test('spans hold no key, ticket or ID, and the next logger gets every event', async () => {
		const { exporter, core, logged } = traced();
		const created = await signInTokensCreate(core, { userId: 'user_123' });
		if (!created.ok) throw new Error('setup failed');
		await signInTokensRevoke(core, { signInTokenId: created.value.id });

		const text = JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes]));
		for (const secret of [KEY, created.value.token ?? 'x', created.value.id]) expect(text).not.toContain(secret);
		expect(logged.map((e) => e.type)).toEqual(['request', 'response', 'outcome', 'request', 'response', 'outcome']);
	});
});

describe('set up wrong, it fails at once rather than tracing nothing', () => {
	test.each([undefined, {}, { startSpan: 'yes' }, trace])('a tracer without startSpan (%#) is a TypeError', (tracer) => {
		expect(() => openTelemetry(tracer as never)).toThrow(
			new TypeError("openTelemetry: tracer must be an OpenTelemetry Tracer (with startSpan), e.g. trace.getTracer('my-app')"),
		);
	});

	test('a next that is not a function is a TypeError', () => {
		expect(() => openTelemetry(trace.getTracer('t'), 'console' as never)).toThrow(new TypeError('openTelemetry: next must be a logger function'));
	});
});
