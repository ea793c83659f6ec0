// The fake in the test stacks users already run, other than msw (tests/testing/msw.test.ts) and
// Cloudflare's Workers pool (tests/runtimes/workers-pool).
import nock from 'nock';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';

afterEach(() => {
	vi.useRealTimers();
	nock.disableNetConnect();
});

describe('nock (or any HTTP mock) and code that cannot take a custom fetch', () => {
	test('fake.listen() on 127.0.0.1, with nock letting loopback through', async () => {
		const fake = createFakeClerk({ users: ['user_123'] });
		const server = await fake.listen();
		nock.enableNetConnect('127.0.0.1');
		try {
			expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
			// No custom fetch: the platform's goes over a real socket, as third-party code's would.
			const clerk = new ClerkCore({ serverURL: server.url, secretKey: fake.secretKey });
			const created = await signInTokensCreate(clerk, { userId: 'user_123' });
			const revoked = await signInTokensRevoke(clerk, { signInTokenId: created.ok ? created.value.id : '' });

			expect(created).toMatchObject({ ok: true, value: { status: 'pending' } });
			expect(revoked).toMatchObject({ ok: true, value: { status: 'revoked' } });
			expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
		} finally {
			await server.close();
		}
	});
});

describe('vitest fake timers', () => {
	test('`clock: Date.now` makes the fake follow vi.useFakeTimers() and vi.setSystemTime()', async () => {
		vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
		const fake = createFakeClerk({ clock: Date.now });
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });

		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 60 });
		expect(created).toMatchObject({ ok: true, value: { createdAt: Date.UTC(2026, 0, 1) } });

		vi.advanceTimersByTime(59_999);
		expect(created.ok && fake.accept(created.value.id).status).toBe('accepted');
	});

	test('tickets expire when fake time passes their lifetime', async () => {
		vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
		const fake = createFakeClerk({ clock: Date.now });
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });
		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 60 });

		vi.setSystemTime(Date.UTC(2026, 0, 1, 0, 1));

		expect(() => fake.accept(created.ok ? created.value.id : '')).toThrow('has expired');
	});

	test('injected latency runs on the fake timers too', async () => {
		vi.useFakeTimers();
		const fake = createFakeClerk({ clock: Date.now, latencyMs: 2_000 });
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });

		const call = signInTokensCreate(clerk, { userId: 'user_123' });
		await vi.advanceTimersByTimeAsync(2_000);

		expect(await call).toMatchObject({ ok: true });
	});
});
