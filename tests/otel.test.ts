import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import type { ClerkEvent } from '../src/events.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import { openTelemetry } from '../src/otel.ts';
import { createFakeClerk } from '../src/testing/index.ts';
import { KEY } from './helpers/wire.ts';
import { policy } from '../src/retry.ts';
import { transport } from '../src/transport.ts';

function traced() {
	const exporter = new InMemorySpanExporter();
	const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
	const fake = createFakeClerk({ secretKey: KEY });
	const logged: ClerkEvent[] = [];
	const core = new ClerkCore({
		secretKey: KEY,
		transport: fake.transport,
		retry: policy({ delay: () => 0 }),
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
			transport: transport({
				fetch: (request: Request) => fake.fetch(request.url.replace('https://clerk-proxy.example.com:8443/clerk', 'https://api.clerk.com'), request),
			}),
			serverURL: 'https://clerk-proxy.example.com:8443/clerk/v1/',
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

describe('a tracer that throws', () => {
	const METHODS = ['startSpan', 'setAttribute', 'setStatus', 'end'] as const;

	// A tracer whose one method throws; it counts how often each span was ended.
	function throwing(method: (typeof METHODS)[number]) {
		const ended: number[] = [];
		let spans = 0;
		const tracer = {
			startSpan() {
				if (method === 'startSpan') throw new Error('startSpan exploded');
				const n = spans++;
				ended[n] = 0;
				const span = {
					setAttribute() {
						if (method === 'setAttribute') throw new Error('setAttribute exploded');
						return span;
					},
					setStatus() {
						if (method === 'setStatus') throw new Error('setStatus exploded');
						return span;
					},
					end() {
						ended[n] = (ended[n] ?? 0) + 1;
						if (method === 'end') throw new Error('end exploded');
					},
				};
				return span;
			},
		};
		return { tracer: tracer as never, ended, started: () => spans };
	}

	test.each(METHODS)('(from %s) never breaks the call, the next logger gets every event, and each span ends exactly once', async (method) => {
		const { tracer, ended, started } = throwing(method);
		const fake = createFakeClerk({ secretKey: KEY });
		const events: ClerkEvent[] = [];
		const core = new ClerkCore({ secretKey: KEY, transport: fake.transport, logger: openTelemetry(tracer, (e) => events.push(e)) });

		const created = await signInTokensCreate(core, { userId: 'user_123' });
		const missing = await signInTokensRevoke(core, { signInTokenId: 'sit_missing' });
		const refused = await signInTokensCreate(core, { userId: '' });

		expect([created.ok, missing.ok, refused.ok]).toEqual([true, false, false]);
		expect(events.map((e) => e.type)).toEqual(['request', 'response', 'outcome', 'request', 'response', 'outcome', 'outcome']);
		expect(ended).toEqual(Array.from({ length: started() }, () => 1));
		expect(started()).toBe(method === 'startSpan' ? 0 : 3);
	});
});

describe('calls refused before I/O', () => {
	test('get an ERROR span of their own, named by the operation', async () => {
		const { exporter, core } = traced();

		await signInTokensCreate(core, { userId: 'user_123 ' });

		const [span] = exporter.getFinishedSpans();
		expect(span?.name).toBe('signInTokensCreate');
		expect(span?.attributes).toEqual({ 'clerk.operation': 'signInTokensCreate', 'error.type': 'invalid-request' });
		expect(span?.status.code).toBe(SpanStatusCode.ERROR);
	});
});

describe('set up wrong, it fails at once rather than tracing nothing', () => {
	test.each([undefined, {}, { startSpan: 'yes' }, trace])('a tracer without startSpan (%#) is a TypeError', (tracer) => {
		expect(() => openTelemetry(tracer as never)).toThrow(
			new TypeError("openTelemetry: tracer must be an OpenTelemetry Tracer (with startSpan), e.g. trace.getTracer('my-app')"),
		);
	});

	test('a next that is not a function is a TypeError', () => {
		expect(() => openTelemetry(trace.getTracer('t'), 'console' as never)).toThrow(
			new TypeError('openTelemetry: next must be a function receiving each ClerkEvent'),
		);
	});
});
