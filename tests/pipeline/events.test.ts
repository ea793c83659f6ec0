// The `logger` option: structured events at each step of a call, redacted by construction.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import type { ClerkEvent } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import { KEY, recorder, wireToken } from '../helpers/wire.ts';

function logged(config: ConstructorParameters<typeof ClerkCore>[0]) {
	const events: ClerkEvent[] = [];
	const core = new ClerkCore({ secretKey: KEY, retry: { delay: () => 0 }, ...config, logger: (event) => events.push(event) });
	return { core, events };
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
			secretKey: KEY,
			fetch: async () => Response.json(wireToken),
			logger: () => {
				throw new Error('log sink down');
			},
		});

		expect(await signInTokensCreate(core, { userId: 'user_123' })).toMatchObject({ ok: true });
	});

	test('an invalid call emits nothing: nothing started', async () => {
		const { core, events } = logged({ fetch: async () => Response.json(wireToken) });

		await signInTokensCreate(core, { userId: '' });

		expect(events).toEqual([]);
	});
});
