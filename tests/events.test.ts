// The `logger` option: structured events at each step of a call, redacted by construction.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import type { ClerkEvent } from '../src/events.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../src/testing/index.ts';
import { KEY, coreOf, recorder, wireToken } from './helpers/wire.ts';
import type { TestConfig } from './helpers/wire.ts';
import { events } from '../src/events.ts';
import { policy } from '../src/retry.ts';
import { transport } from '../src/transport.ts';

function logged(config: TestConfig) {
	const seen: ClerkEvent[] = [];
	const core = coreOf({ secretKey: KEY, retry: { delay: () => 0 }, ...config, logger: events((event) => seen.push(event)) });
	return { core, events: seen };
}

describe('logger events', () => {
	test('a call with one retry: request, response, retry, response, outcome — one callId', async () => {
		const { fetch } = recorder(
			new Response('', { status: 503, headers: { 'x-clerk-trace-id': 'trace_1' } }),
			Response.json(wireToken, { headers: { 'x-clerk-trace-id': 'trace_2' } }),
		);
		const { core, events } = logged({ fetch });

		await signInTokensCreate(core, { userId: 'user_123' });

		const callId = events[0]?.callId;
		expect(callId).toMatch(/^[0-9a-f-]{36}$/);
		expect(events).toEqual([
			{
				type: 'request',
				operation: 'signInTokensCreate',
				callId,
				method: 'POST',
				urlTemplate: '/sign_in_tokens',
				serverURL: 'https://api.clerk.com/v1',
			},
			{
				type: 'response',
				operation: 'signInTokensCreate',
				callId,
				attempt: 1,
				status: 503,
				durationMs: expect.any(Number),
				traceId: 'trace_1',
				retryAfterMs: undefined,
			},
			{ type: 'retry', operation: 'signInTokensCreate', callId, attempt: 2, reason: 'status 503', delayMs: expect.any(Number) },
			{
				type: 'response',
				operation: 'signInTokensCreate',
				callId,
				attempt: 2,
				status: 200,
				durationMs: expect.any(Number),
				traceId: 'trace_2',
				retryAfterMs: undefined,
			},
			{
				type: 'outcome',
				operation: 'signInTokensCreate',
				callId,
				outcome: 'ok',
				status: 200,
				code: undefined,
				attempts: 2,
				durationMs: expect.any(Number),
				traceId: 'trace_2',
			},
		]);
	});

	test("a network failure's retry reason is its code", async () => {
		let n = 0;
		const fetch = async () => {
			if (n++ === 0) throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
			return Response.json(wireToken);
		};
		const { core, events } = logged({ fetch });

		await signInTokensCreate(core, { userId: 'user_123' });

		expect(events.find((e) => e.type === 'retry')).toMatchObject({ reason: 'ECONNREFUSED', attempt: 2 });
	});

	test('an api outcome carries its status and first code; a refused key an outcome without a request', async () => {
		const fake = createFakeClerk();
		const api = logged({ fetch: fake.fetch, secretKey: fake.secretKey });
		const keyless = logged({ fetch: fake.fetch, secretKey: 'pk_test_oops' });

		await signInTokensRevoke(api.core, { signInTokenId: 'sit_missing' });
		await signInTokensRevoke(keyless.core, { signInTokenId: 'sit_missing' });

		expect(api.events.at(-1)).toMatchObject({
			type: 'outcome',
			operation: 'signInTokensRevoke',
			outcome: 'api',
			status: 404,
			code: 'resource_not_found',
			attempts: 1,
		});
		expect(keyless.events).toEqual([expect.objectContaining({ type: 'outcome', outcome: 'secret-key', attempts: 0, status: undefined })]);
	});

	test('never hold the key, a ticket, a URL carrying one, or an ID from a path', async () => {
		const fake = createFakeClerk({ secretKey: KEY });
		const { core, events } = logged({ fetch: fake.fetch });
		const created = await signInTokensCreate(core, { userId: 'user_123' });
		if (!created.ok) throw new Error('setup failed');
		await signInTokensRevoke(core, { signInTokenId: created.value.id });

		const text = JSON.stringify(events);
		for (const secret of [KEY, created.value.token ?? 'x', created.value.url ?? 'x', created.value.id, 'ticket']) expect(text).not.toContain(secret);
		expect(events.filter((e) => e.type === 'request').map((e) => e.type === 'request' && e.urlTemplate)).toEqual([
			'/sign_in_tokens',
			'/sign_in_tokens/{sign_in_token_id}/revoke',
		]);
	});

	test('a logger that throws changes nothing about the call', async () => {
		const core = new ClerkCore({
			transport: transport({ fetch: async () => Response.json(wireToken) }),
			secretKey: KEY,
			logger: events(() => {
				throw new Error('log sink down');
			}),
		});

		expect(await signInTokensCreate(core, { userId: 'user_123' })).toMatchObject({ ok: true });
	});

	test('a call refused before I/O emits its outcome, and only that', async () => {
		const { core, events } = logged({ fetch: async () => Response.json(wireToken) });

		await signInTokensCreate(core, { userId: '' });
		await signInTokensRevoke(core, 'sit_123' as never, { timeout: 5 } as never);

		expect(events).toEqual([
			{
				type: 'outcome',
				operation: 'signInTokensCreate',
				callId: expect.stringMatching(/^[0-9a-f-]{36}$/),
				outcome: 'invalid-request',
				status: undefined,
				code: undefined,
				attempts: 0,
				durationMs: 0,
				traceId: undefined,
			},
			expect.objectContaining({ type: 'outcome', operation: 'signInTokensRevoke', outcome: 'invalid-request', attempts: 0 }),
		]);
	});

	test('an async logger that rejects (a log sink that is down) causes no unhandled rejection', async () => {
		const unhandled: unknown[] = [];
		const record = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', record);
		try {
			const core = new ClerkCore({
				transport: transport({ fetch: recorder(new Response('', { status: 503 }), Response.json(wireToken)).fetch }),
				secretKey: KEY,
				retry: policy({ delay: () => 0 }),
				logger: events(async () => {
					throw new Error('log sink down');
				}),
			});
			const results = [
				await signInTokensCreate(core, { userId: 'user_123' }),
				await signInTokensCreate(core, { userId: '' }),
				await signInTokensRevoke(core, { signInTokenId: 'sit_1' }),
			];
			// Rejections surface as unhandled after the microtask queue drains: two tasks are plenty.
			for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));

			expect(results.map((r) => r.ok)).toEqual([true, false, true]);
			expect(unhandled).toEqual([]);
		} finally {
			process.off('unhandledRejection', record);
		}
	});

	test("a then-getter that throws on a logger's returned value is ignored too", async () => {
		const core = new ClerkCore({
			transport: transport({ fetch: async () => Response.json(wireToken) }),
			secretKey: KEY,
			logger: events((() =>
				Object.defineProperty({}, 'then', {
					get() {
						throw new Error('then exploded');
					},
				})) as never),
		});

		expect(await signInTokensCreate(core, { userId: 'user_123' })).toMatchObject({ ok: true });
	});

	test("a success's trace id falls back to cf-ray, as an error's does, in the result and the events", async () => {
		const { core, events } = logged({ fetch: async () => Response.json(wireToken, { headers: { 'cf-ray': '8f1e2d3c4b5a6978-FRA' } }) });

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(res.ok && res.response.traceId).toBe('8f1e2d3c4b5a6978-FRA');
		expect(events.filter((e) => e.type !== 'request').map((e) => 'traceId' in e && e.traceId)).toEqual(['8f1e2d3c4b5a6978-FRA', '8f1e2d3c4b5a6978-FRA']);
	});

	test("an api outcome's trace id is the error's: the body's clerk_trace_id first", async () => {
		const { core, events } = logged({
			fetch: async () => Response.json({ errors: [], clerk_trace_id: 'body_trace' }, { status: 404, headers: { 'x-clerk-trace-id': 'header_trace' } }),
		});

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(!res.ok && res.error.kind === 'api' && res.error.clerkTraceId).toBe('body_trace');
		expect(events.at(-1)).toMatchObject({ type: 'outcome', traceId: 'body_trace' });
	});
});

describe('events()', () => {
	test.each([[undefined], ['console'], [{ log: () => undefined }]])('refuses %j as a handler, at once', (handler) => {
		expect(() => events(handler as never)).toThrow(new TypeError('events: handler must be a function receiving each ClerkEvent'));
	});

	test('one logger serves two cores, and each call keeps its own callId', async () => {
		const seen: ClerkEvent[] = [];
		const logger = events((event) => seen.push(event));
		const fake = createFakeClerk();
		const a = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, logger });
		const b = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, logger });

		await Promise.all([signInTokensCreate(a, { userId: 'user_123' }), signInTokensCreate(b, { userId: 'user_123' })]);

		const ids = [...new Set(seen.map((e) => e.callId))];
		expect(ids).toHaveLength(2);
		for (const id of ids) expect(seen.filter((e) => e.callId === id).map((e) => e.type)).toEqual(['request', 'response', 'outcome']);
	});
});
