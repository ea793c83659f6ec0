import { afterEach, describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/fakeClerk.ts';
import type { FakeClerk } from '../../src/testing/fakeClerk.ts';
import { validateResponse } from '../helpers/openapi.ts';

// Every response the fake sends in these tests is checked against the spec excerpt, so the fake
// cannot drift from the document it claims to follow.
let problems: string[] = [];
afterEach(() => {
	expect(problems).toEqual([]);
	problems = [];
});

function specPath(url: string): string {
	return new URL(url).pathname.replace(/^\/v1/, '').replace(/\/sign_in_tokens\/[^/]+\/revoke$/, '/sign_in_tokens/{sign_in_token_id}/revoke');
}

function setup(options?: Parameters<typeof createFakeClerk>[0]) {
	const fake = createFakeClerk({ now: 1_767_225_600_000, ...options });
	const checked: typeof fake.fetch = async (input, init) => {
		const request = new Request(input, init);
		const response = await fake.fetch(request);
		problems.push(...(await validateResponse(specPath(request.url), response)));
		return response;
	};
	const clerk = new ClerkCore({ fetch: checked, secretKey: fake.secretKey, retry: 0 });
	return { fake, clerk, checked };
}

const post = (fetch: FakeClerk['fetch'], path: string, body: unknown, key = 'sk_test_fake_clerk_key') =>
	fetch(`https://api.clerk.com/v1${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
	});

describe('createFakeClerk', () => {
	test('creates a pending, JWT-shaped token with a ticket URL, then revokes it', async () => {
		const { fake, clerk } = setup();

		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 3600 });

		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const token = created.value;
		expect(token).toMatchObject({ object: 'sign_in_token', status: 'pending', userId: 'user_123', createdAt: 1_767_225_600_000, updatedAt: 1_767_225_600_000 });
		expect(token.id).toMatch(/^sit_[0-9A-Za-z]{27}$/);
		expect(token.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(JSON.parse(atob((token.token ?? '').split('.')[1] ?? ''))).toMatchObject({ sub: 'user_123', sid: token.id, iat: 1_767_225_600, exp: 1_767_229_200 });
		expect(token.url).toBe(`https://fake-clerk.accounts.dev/v1/tickets/accept?ticket=${token.token}`);
		expect(fake.tokens.get(token.id)?.expires_at).toBe(1_767_229_200_000);

		fake.clock.advance(5_000);
		const revoked = await signInTokensRevoke(clerk, { signInTokenId: token.id });

		expect(revoked).toMatchObject({ ok: true, value: { id: token.id, status: 'revoked', updatedAt: 1_767_225_605_000 } });
	});

	test('defaults the lifetime to the 30 days of the spec', async () => {
		const { fake, clerk } = setup();
		const created = await signInTokensCreate(clerk, { userId: 'user_123' });

		expect(created.ok && fake.tokens.get(created.value.id)?.expires_at).toBe(1_767_225_600_000 + 2_592_000_000);
	});

	test('records every request it receives', async () => {
		const { fake, clerk } = setup();
		await signInTokensCreate(clerk, { userId: 'user_123', orgId: 'org_123' });

		expect(fake.requests).toEqual([
			expect.objectContaining({
				method: 'POST',
				path: '/v1/sign_in_tokens',
				body: { user_id: 'user_123', org_id: 'org_123' },
				headers: expect.objectContaining({ authorization: `Bearer ${fake.secretKey}`, 'clerk-api-version': '2026-05-12' }),
			}),
		]);
	});

	test('answers 401 with a Clerk error for a wrong or missing key', async () => {
		const { clerk: _c, checked } = setup();
		const wrong = new ClerkCore({ fetch: checked, secretKey: 'sk_test_wrong' });

		const res = await signInTokensCreate(wrong, { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 401, errors: [{ code: 'authentication_invalid' }] } });
		expect(!res.ok && res.error.kind === 'api' && res.error.clerkTraceId).toMatch(/^[0-9a-f]{32}$/);
		const bare = await checked('https://api.clerk.com/v1/sign_in_tokens', { method: 'POST', body: '{}' });
		expect(bare.status).toBe(401);
	});

	test.each([
		['no user_id', {}, 'form_param_missing', 'user_id'],
		['a numeric user_id', { user_id: 5 }, 'form_param_format_invalid', 'user_id'],
		['a zero expires_in_seconds', { user_id: 'user_123', expires_in_seconds: 0 }, 'form_param_format_invalid', 'expires_in_seconds'],
		['a numeric org_id', { user_id: 'user_123', org_id: 1 }, 'form_param_format_invalid', 'org_id'],
		['a body that is not JSON', 'nope', 'form_param_missing', 'user_id'],
	])('answers 422 naming the parameter for %s', async (_, body, code, param) => {
		const { checked } = setup();
		const response = await post(checked, '/sign_in_tokens', body);

		expect(response.status).toBe(422);
		expect(await response.json()).toMatchObject({ errors: [{ code, meta: { param_name: param } }], clerk_trace_id: expect.any(String) });
	});

	test('answers 404 for an unknown user and an unknown organization', async () => {
		const { clerk } = setup();

		expect(await signInTokensCreate(clerk, { userId: 'user_nobody' })).toMatchObject({ ok: false, error: { status: 404, errors: [{ code: 'resource_not_found' }] } });
		expect(await signInTokensCreate(clerk, { userId: 'user_123', orgId: 'org_none' })).toMatchObject({ ok: false, error: { status: 404 } });
	});

	test('takes users as { id } objects and reads an injected clock', async () => {
		let t = 1_800_000_000_000;
		const { fake, clerk } = setup({ users: [{ id: 'user_obj' }], clock: () => t });
		const created = await signInTokensCreate(clerk, { userId: 'user_obj', expiresInSeconds: 10 });

		expect(created).toMatchObject({ ok: true, value: { createdAt: 1_800_000_000_000 } });
		t += 10_000;
		expect(() => fake.accept(created.ok ? created.value.id : '')).toThrow('has expired');
	});

	test('knows seeded users, including ones added later', async () => {
		const { fake, clerk } = setup({ users: ['user_a'] });
		fake.users.add('user_b');

		expect((await signInTokensCreate(clerk, { userId: 'user_a' })).ok).toBe(true);
		expect((await signInTokensCreate(clerk, { userId: 'user_b' })).ok).toBe(true);
		expect((await signInTokensCreate(clerk, { userId: 'user_123' })).ok).toBe(false);
	});

	test('answers 400 when revoking a token that is not pending, and 404 for an unknown one', async () => {
		const { clerk } = setup();
		const created = await signInTokensCreate(clerk, { userId: 'user_123' });
		const id = created.ok ? created.value.id : '';
		await signInTokensRevoke(clerk, { signInTokenId: id });

		expect(await signInTokensRevoke(clerk, { signInTokenId: id })).toMatchObject({
			ok: false,
			error: { status: 400, errors: [{ code: 'sign_in_token_cannot_be_revoked' }] },
		});
		expect(await signInTokensRevoke(clerk, { signInTokenId: 'sit_unknown' })).toMatchObject({ ok: false, error: { status: 404 } });
	});

	test('accept moves a pending token to accepted, by ID or by ticket, after which it cannot be revoked', async () => {
		const { fake, clerk } = setup();
		const first = await signInTokensCreate(clerk, { userId: 'user_123' });
		const second = await signInTokensCreate(clerk, { userId: 'user_123' });
		if (!first.ok || !second.ok) throw new Error('setup failed');

		expect(fake.accept(first.value.id).status).toBe('accepted');
		expect(fake.accept(second.value.token ?? '').status).toBe('accepted');
		expect(() => fake.accept(first.value.id)).toThrow(`Sign-in token ${first.value.id} is accepted`);
		expect(await signInTokensRevoke(clerk, { signInTokenId: first.value.id })).toMatchObject({ ok: false, error: { status: 400 } });
	});

	test('expires tickets by the injectable clock', async () => {
		const { fake, clerk } = setup();
		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 60 });
		if (!created.ok) throw new Error('setup failed');

		fake.clock.advance(60_000);

		expect(() => fake.accept(created.value.id)).toThrow(`Sign-in token ${created.value.id} has expired`);
	});

	test('failNext answers with a canned status, then behaves again', async () => {
		const { fake } = setup();
		fake.failNext(2, { status: 503, headers: { 'retry-after': '0' }, body: 'busy' });
		const clerk = new ClerkCore({ fetch: fake.fetch, secretKey: fake.secretKey, retry: { delay: () => 0 } });

		const res = await signInTokensCreate(clerk, { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(fake.requests).toHaveLength(3);
	});

	test('failNext can fail the network', async () => {
		const { fake } = setup();
		fake.failNext(1, 'network');
		const clerk = new ClerkCore({ fetch: fake.fetch, secretKey: fake.secretKey, retry: 0 });

		expect(await signInTokensRevoke(clerk, { signInTokenId: 'sit_x' })).toMatchObject({ ok: false, error: { kind: 'connection' } });
	});

	test('injected latency lets a timeout fire', async () => {
		const { fake } = setup({ latencyMs: 200 });
		const clerk = new ClerkCore({ fetch: fake.fetch, secretKey: fake.secretKey });

		expect(await signInTokensCreate(clerk, { userId: 'user_123' }, { timeoutMs: 50 })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
	});

	test('listen serves the same handler over HTTP on 127.0.0.1', async () => {
		const { fake } = setup();
		const server = await fake.listen();
		try {
			expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
			// The real network is off under nock, so talk to the loopback server with node:http itself.
			const clerk = new ClerkCore({ serverURL: server.url, secretKey: fake.secretKey, fetch: httpFetch });
			const created = await signInTokensCreate(clerk, { userId: 'user_123' });
			expect(created).toMatchObject({ ok: true, value: { status: 'pending' } });
			const revoked = await signInTokensRevoke(clerk, { signInTokenId: created.ok ? created.value.id : '' });
			expect(revoked).toMatchObject({ ok: true, value: { status: 'revoked' } });
		} finally {
			await server.close();
		}
	});
});

// A minimal fetch over node:http, which nock (active in this process) leaves alone for 127.0.0.1
// only when net connect is enabled for it.
async function httpFetch(request: Request): Promise<Response> {
	const nock = (await import('nock')).default;
	nock.enableNetConnect('127.0.0.1');
	try {
		return await fetch(request);
	} finally {
		nock.disableNetConnect();
	}
}

describe('the spec check itself', () => {
	test('rejects a field the spec does not allow, a missing one and an undocumented status', async () => {
		const extra = Response.json({ object: 'sign_in_token', id: 's', status: 'pending', user_id: 'u', created_at: 1, updated_at: 1, expires_at: 2 });
		const missing = Response.json({ object: 'sign_in_token', id: 's', status: 'pending', user_id: 'u', created_at: 1 });
		const status = Response.json({}, { status: 418 });

		expect(await validateResponse('/sign_in_tokens', extra)).toEqual(['$.expires_at: not allowed']);
		expect(await validateResponse('/sign_in_tokens', missing)).toEqual(['$.updated_at: required']);
		expect(await validateResponse('/sign_in_tokens', status)).toEqual(['status 418 is not documented for POST /sign_in_tokens']);
	});
});
