// Limits that hold for every body and every header (issue: "Keep every promise", §2).
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { KEY, clerkErrors, recorder, wireToken } from '../helpers/wire.ts';
import { policy } from '../../src/retry.ts';
import { transport } from '../../src/transport.ts';

afterEach(() => {
	vi.useRealTimers();
});

/** A body of `size` bytes of "a", streamed in 64 KiB chunks, that records how much was pulled. */
function bigBody(size: number) {
	const chunk = new Uint8Array(65_536).fill(0x61);
	const state = { pulled: 0, cancelled: false };
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (state.pulled >= size) return controller.close();
			state.pulled += chunk.byteLength;
			controller.enqueue(chunk);
		},
		cancel() {
			state.cancelled = true;
		},
	});
	return { stream, state };
}

describe('maxResponseBytes', () => {
	test('cuts an error body off unread at the cap, cancels the stream and keeps the status', async () => {
		const { stream, state } = bigBody(8 * 1024 * 1024);
		const { fetch } = recorder(() => new Response(stream, { status: 500, headers: { 'content-type': 'text/plain' } }));

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, maxResponseBytes: 100_000 }), { userId: 'user_123' });

		expect(res.ok).toBe(false);
		if (res.ok || res.error.kind !== 'api') throw new Error('expected an api error');
		expect(res.error.status).toBe(500);
		expect(res.error.body).toBe('a'.repeat(100_000));
		expect(state.cancelled).toBe(true);
		// Read no further than the chunk that crossed the cap (plus the stream's own read-ahead).
		expect(state.pulled).toBeLessThanOrEqual(100_000 + 3 * 65_536);
	});

	test('caps a retried error body on every attempt, not only the last', async () => {
		const bodies = [bigBody(4 * 1024 * 1024), bigBody(4 * 1024 * 1024)];
		const { fetch, seen } = recorder(
			() => new Response(bodies[0]?.stream, { status: 503 }),
			() => new Response(bodies[1]?.stream, { status: 503 }),
		);

		const res = await signInTokensRevoke(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, maxResponseBytes: 1_000, retry: policy({ limit: 1, delay: () => 0 }) }),
			{
				signInTokenId: 'sit_1',
			},
		);

		expect(seen).toHaveLength(2);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 503, body: 'a'.repeat(1_000) } });
		expect(bodies.every((b) => b.state.cancelled)).toBe(true);
	});

	test('caps a 2xx body from a custom fetch whose Content-Length understates it', async () => {
		const { stream, state } = bigBody(4 * 1024 * 1024);
		const { fetch } = recorder(() => new Response(stream, { status: 200, headers: { 'content-length': '10', 'content-type': 'application/json' } }));

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, maxResponseBytes: 1_024 }), { userId: 'user_123' });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-response', status: 200, body: '', message: 'Invalid response with status 200: body exceeds 1024 bytes' },
		});
		expect(state.cancelled).toBe(true);
	});

	test('reads a 2xx body exactly at the cap', async () => {
		const text = JSON.stringify(wireToken);
		const { fetch } = recorder(() => Response.json(wireToken));

		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, maxResponseBytes: new TextEncoder().encode(text).byteLength }),
			{
				userId: 'user_123',
			},
		);

		expect(res.ok).toBe(true);
	});
});

describe('rate-limit headers without Retry-After', () => {
	const inAnHour = () => String(Math.floor(Date.now() / 1000) + 3600);
	test.each([
		['RateLimit-Reset (seconds)', () => ({ 'ratelimit-reset': '90' }), 90],
		['RateLimit-Reset (a Unix time)', () => ({ 'ratelimit-reset': inAnHour() }), 3600],
		['X-RateLimit-Reset (a Unix time)', () => ({ 'x-ratelimit-reset': inAnHour() }), 3600],
		['X-Rate-Limit-Reset (a Unix time)', () => ({ 'x-rate-limit-reset': inAnHour() }), 3600],
		['X-RateLimit-Retry-After (seconds)', () => ({ 'x-ratelimit-retry-after': '120' }), 120],
	])('a 429 with %s past the cap comes back at once as api 429 with retryAfter', async (_, headers, seconds) => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const { fetch, seen } = recorder(() =>
			Response.json(clerkErrors('too_many_requests', 'Too many requests', 'Too many requests'), { status: 429, headers: headers() }),
		);

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }), { userId: 'user_123' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 429, retryAfter: seconds } });
	});

	test('a 429 with a rate-limit reset within the cap is waited on, then retried', async () => {
		const { fetch, seen } = recorder(
			() => new Response('', { status: 429, headers: { 'x-ratelimit-retry-after': '0' } }),
			() => Response.json(wireToken),
		);

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }), { userId: 'user_123' });

		expect(seen).toHaveLength(2);
		expect(res.ok).toBe(true);
	});
});

describe('timestamps are int64', () => {
	test.each([
		['1e400 (Infinity)', '1e400'],
		['a fraction', '1.5'],
		['beyond 2^53', '9007199254740993'],
	])('a created_at of %s is an invalid response', async (_, value) => {
		const body = JSON.stringify(wireToken).replace('"created_at":1767225600000', `"created_at":${value}`);
		const { fetch } = recorder(() => new Response(body, { headers: { 'content-type': 'application/json' } }));

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200, issues: [{ path: 'created_at' }] } });
	});
});
