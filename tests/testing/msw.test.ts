// The fake as msw handlers, on msw's own Node server: our functions and @clerk/backend (whose
// client calls the global fetch, which msw intercepts) both get the fake's answers.
import { createClerkClient } from '@clerk/backend';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import { clerkHandlers } from '../../src/testing/msw.ts';

const fake = createFakeClerk({ users: ['user_123'] });
const server = setupServer(...clerkHandlers(fake), ...clerkHandlers(fake, { baseUrl: 'https://clerk-proxy.example.com/clerk' }));

beforeAll(() => {
	// msw and nock both patch the HTTP stack; nock steps aside for this file.
	nock.restore();
	server.listen({ onUnhandledFrame: 'error' });
});
afterAll(() => {
	server.close();
	nock.activate();
});
beforeEach(() => {
	fake.requests.length = 0;
	server.resetHandlers();
});

describe('clerkHandlers with msw setupServer', () => {
	test("serve this SDK's functions through the platform fetch", async () => {
		const clerk = new ClerkCore({ secretKey: fake.secretKey });

		const created = await signInTokensCreate(clerk, { userId: 'user_123' });
		const revoked = await signInTokensRevoke(clerk, { signInTokenId: created.ok ? created.value.id : '' });

		expect(created).toMatchObject({ ok: true, value: { status: 'pending', userId: 'user_123' }, response: { status: 200 } });
		expect(revoked).toMatchObject({ ok: true, value: { status: 'revoked' } });
		expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/sign_in_tokens',
			`POST /v1/sign_in_tokens/${created.ok ? created.value.id : ''}/revoke`,
		]);
	});

	test('serve @clerk/backend, which calls the global fetch', async () => {
		const clerk = createClerkClient({ secretKey: fake.secretKey });

		const token = await clerk.signInTokens.createSignInToken({ userId: 'user_123', expiresInSeconds: 600 });
		const revoked = await clerk.signInTokens.revokeSignInToken(token.id);

		expect(token).toMatchObject({ id: expect.stringMatching(/^sit_/), userId: 'user_123', status: 'pending' });
		expect(revoked).toMatchObject({ id: token.id, status: 'revoked' });
		expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/v1/sign_in_tokens', body: { user_id: 'user_123', expires_in_seconds: 600 } });
	});

	test("@clerk/backend sees the fake's Clerk errors as it would Clerk's", async () => {
		const clerk = createClerkClient({ secretKey: fake.secretKey });

		const thrown = await clerk.signInTokens.createSignInToken({ userId: 'user_nobody', expiresInSeconds: 600 }).catch((error: unknown) => error);

		expect(thrown).toMatchObject({ status: 404, errors: [{ code: 'resource_not_found', longMessage: 'No user was found with id user_nobody' }] });
	});

	test('serve a base URL with a path prefix, which is stripped before the fake sees it', async () => {
		const clerk = new ClerkCore({ secretKey: fake.secretKey, serverURL: 'https://clerk-proxy.example.com/clerk/v1' });

		const created = await signInTokensCreate(clerk, { userId: 'user_123' });

		expect(created.ok).toBe(true);
		expect(fake.requests[0]?.path).toBe('/v1/sign_in_tokens');
	});

	test("turn the fake's network fault into msw's network error", async () => {
		fake.failNext(1, 'network');

		const res = await signInTokensCreate(new ClerkCore({ secretKey: fake.secretKey, retry: 0 }), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'connection' } });
	});

	test('compose with the suite’s own handlers: a later server.use wins', async () => {
		server.use(
			http.post('https://api.clerk.com/v1/sign_in_tokens', () =>
				HttpResponse.json({ errors: [{ code: 'x', message: 'm', long_message: 'overridden' }] }, { status: 503 }),
			),
		);

		const res = await signInTokensCreate(new ClerkCore({ secretKey: fake.secretKey, retry: 0 }), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 503 } });
		expect(fake.requests).toHaveLength(0);
	});
});
