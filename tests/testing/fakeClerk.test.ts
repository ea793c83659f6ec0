import { afterEach, describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { decodeTicket } from '../../src/decodeTicket.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import type { FakeClerk, FakeClerkOptions } from '../../src/testing/index.ts';
import { validateDocument, validateResponse } from '../helpers/openapi.ts';
import { policy } from '../../src/retry.ts';
import { transport } from '../../src/transport.ts';

// Every response the fake sends in these tests is validated against the spec excerpt by a real
// OpenAPI validator, so the fake cannot drift from the document it claims to follow.
let problems: string[] = [];
afterEach(() => {
	expect(problems).toEqual([]);
	problems = [];
});

const NOW = 1_767_225_600_000;

function setup(options?: FakeClerkOptions) {
	const fake = createFakeClerk({ now: NOW, instanceId: 'ins_fake123', ...options });
	const checked: FakeClerk['fetch'] = async (input, init) => {
		const request = new Request(input, init);
		const response = await fake.fetch(request);
		problems.push(...(await validateResponse(request.method, request.url, response)));
		return response;
	};
	const clerk = new ClerkCore({ transport: transport({ fetch: checked }), secretKey: fake.secretKey, retry: 0 });
	return { fake, clerk, checked };
}

const post = (fetch: FakeClerk['fetch'], path: string, body: unknown, key = 'sk_test_fake_clerk_key') =>
	fetch(`https://api.clerk.com/v1${path}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
	});

const payload = (ticket: string | undefined) =>
	JSON.parse(atob((ticket ?? '').split('.')[1]?.replaceAll('-', '+').replaceAll('_', '/') ?? '')) as Record<string, unknown>;

test('the spec document itself is valid OpenAPI 3.0', async () => {
	expect(await validateDocument()).toBe(true);
});

describe('createFakeClerk', () => {
	test("creates a pending token whose ticket has the real ticket's claims, then revokes it", async () => {
		const { fake, clerk } = setup();

		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 3600 });

		if (!created.ok) throw new Error(created.error.message);
		const token = created.value;
		expect(token).toMatchObject({ object: 'sign_in_token', status: 'pending', userId: 'user_123', createdAt: NOW, updatedAt: NOW });
		expect(token.id).toMatch(/^sit_[0-9A-Za-z]{27}$/);
		// A real ticket: { eis, exp, iid, sid, st } — and no user ID.
		expect(payload(token.token)).toEqual({ eis: 3600, exp: NOW / 1000 + 3600, iid: 'ins_fake123', sid: token.id, st: 'sign_in_token' });
		expect(token.url).toBe(`https://fake-instance.clerk.accounts.dev/v1/tickets/accept?ticket=${token.token}`);
		expect(decodeTicket(token.token ?? '')).toEqual({
			ok: true,
			value: { signInTokenId: token.id, instanceId: 'ins_fake123', expiresAt: NOW + 3_600_000, expiresInSeconds: 3600 },
		});

		fake.clock.advance(5_000);
		const revoked = await signInTokensRevoke(clerk, { signInTokenId: token.id });

		// A revoked token carries no ticket any more, nor a link to one.
		expect(revoked).toMatchObject({ ok: true, value: { id: token.id, status: 'revoked', updatedAt: NOW + 5_000, url: null } });
		expect(revoked.ok && 'token' in revoked.value).toBe(false);
	});

	test('a per-fake random instance ID when none is given', () => {
		expect(createFakeClerk().instanceId).toMatch(/^ins_[0-9A-Za-z]{27}$/);
		expect(createFakeClerk().instanceId).not.toBe(createFakeClerk().instanceId);
	});

	test('defaults the lifetime to the 30 days of the spec', async () => {
		const { fake, clerk } = setup();
		const created = await signInTokensCreate(clerk, { userId: 'user_123' });

		expect(created.ok && fake.tokens.get(created.value.id)?.expires_at).toBe(NOW + 2_592_000_000);
		expect(created.ok && payload(created.value.token).eis).toBe(2_592_000);
	});

	test('sends the same trace ID in x-clerk-trace-id and, on errors, in clerk_trace_id', async () => {
		const { checked, clerk } = setup();
		const ok = await post(checked, '/sign_in_tokens', { user_id: 'user_123' });
		const failed = await post(checked, '/sign_in_tokens', { user_id: 'user_nobody' });
		const body = (await failed.json()) as { clerk_trace_id: string };

		expect(ok.headers.get('x-clerk-trace-id')).toMatch(/^[0-9a-f]{32}$/);
		expect(body.clerk_trace_id).toBe(failed.headers.get('x-clerk-trace-id'));
		const created = await signInTokensCreate(clerk, { userId: 'user_123' });
		expect(created.ok && created.response.traceId).toMatch(/^[0-9a-f]{32}$/);
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
});

describe("Clerk's errors, as its catalogue gives them", () => {
	test('a wrong secret key: 401 clerk_key_invalid', async () => {
		const { checked } = setup();
		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: checked }), secretKey: 'sk_test_wrong' }), { userId: 'user_123' });

		const message = 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.';
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 401, errors: [{ code: 'clerk_key_invalid', message, longMessage: message }] } });
	});

	test('no Authorization header: 401 authentication_invalid; a malformed one: 401 authorization_header_format_invalid', async () => {
		const { checked } = setup();
		const bare = await checked('https://api.clerk.com/v1/sign_in_tokens', { method: 'POST', body: '{}' });
		const basic = await checked('https://api.clerk.com/v1/sign_in_tokens', { method: 'POST', body: '{}', headers: { authorization: 'Basic abc' } });

		expect([bare.status, ((await bare.json()) as { errors: { code: string }[] }).errors[0]?.code]).toEqual([401, 'authentication_invalid']);
		expect([basic.status, ((await basic.json()) as { errors: { code: string }[] }).errors[0]?.code]).toEqual([401, 'authorization_header_format_invalid']);
	});

	test.each([
		['no user_id', {}, 'form_param_missing', 'user_id'],
		['a numeric user_id', { user_id: 5 }, 'form_param_format_invalid', 'user_id'],
		['a fractional expires_in_seconds', { user_id: 'user_123', expires_in_seconds: 1.5 }, 'form_param_format_invalid', 'expires_in_seconds'],
		['a zero expires_in_seconds', { user_id: 'user_123', expires_in_seconds: 0 }, 'form_param_value_invalid', 'expires_in_seconds'],
		['a numeric org_id', { user_id: 'user_123', org_id: 1 }, 'form_param_format_invalid', 'org_id'],
		['an unknown parameter', { user_id: 'user_123', expires_in: 60 }, 'form_param_unknown', 'expires_in'],
		['a body that is not JSON', 'nope', 'form_param_missing', 'user_id'],
	])('answers 422 naming the parameter for %s', async (_, body, code, param) => {
		const { checked } = setup();
		const response = await post(checked, '/sign_in_tokens', body);

		expect(response.status).toBe(422);
		expect(await response.json()).toMatchObject({ errors: [{ code, meta: { param_name: param } }], clerk_trace_id: expect.any(String) });
	});

	test('an unknown user: 404 resource_not_found, "No user was found with id …"; an unknown organization likewise', async () => {
		const { clerk } = setup();

		expect(await signInTokensCreate(clerk, { userId: 'user_nobody' })).toMatchObject({
			ok: false,
			error: { status: 404, errors: [{ code: 'resource_not_found', message: 'not found', longMessage: 'No user was found with id user_nobody' }] },
		});
		expect(await signInTokensCreate(clerk, { userId: 'user_123', orgId: 'org_none' })).toMatchObject({
			ok: false,
			error: { status: 404, errors: [{ code: 'resource_not_found', longMessage: 'No organization was found with id org_none' }] },
		});
	});

	test('revoking a token that is not pending: 400 sign_in_token_cannot_be_revoked_code, naming its status', async () => {
		const { clerk, fake } = setup();
		const first = await signInTokensCreate(clerk, { userId: 'user_123' });
		const second = await signInTokensCreate(clerk, { userId: 'user_123' });
		if (!first.ok || !second.ok) throw new Error('setup failed');
		await signInTokensRevoke(clerk, { signInTokenId: first.value.id });
		fake.accept(second.value.id);

		const revoked = await signInTokensRevoke(clerk, { signInTokenId: first.value.id });
		const accepted = await signInTokensRevoke(clerk, { signInTokenId: second.value.id });

		expect(revoked).toMatchObject({
			ok: false,
			error: {
				status: 400,
				signInTokenStatus: 'revoked',
				errors: [
					{
						code: 'sign_in_token_cannot_be_revoked_code',
						message: 'cannot revoke',
						longMessage: 'Sign in token cannot be revoked because its status is revoked. Only pending tokens can be revoked.',
					},
				],
			},
		});
		expect(accepted).toMatchObject({ ok: false, error: { status: 400, signInTokenStatus: 'accepted' } });
		expect(await signInTokensRevoke(clerk, { signInTokenId: 'sit_unknown' })).toMatchObject({ ok: false, error: { status: 404 } });
	});

	test.each([
		['a path without /v1', 'https://api.clerk.com/sign_in_tokens'],
		['a path under another version', 'https://api.clerk.com/v2/sign_in_tokens'],
		['a path that only ends like the endpoint', 'https://api.clerk.com/v1/x/sign_in_tokens'],
	])('answers 404 for %s, as Clerk does', async (_, url) => {
		const fake = createFakeClerk();
		const res = await signInTokensCreate(
			new ClerkCore({ secretKey: fake.secretKey, transport: fake.transport, serverURL: url.replace(/\/sign_in_tokens$/, '') }),
			{
				userId: 'user_123',
			},
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 404, errors: [{ code: 'resource_not_found' }] } });
	});

	test('a GET is not an operation: 404', async () => {
		const fake = createFakeClerk();
		const res = await fake.fetch('https://api.clerk.com/v1/sign_in_tokens', { headers: { authorization: `Bearer ${fake.secretKey}` } });

		expect(res.status).toBe(404);
	});
});

describe('robustness', () => {
	test.each([['%E0%A4%A'], ['%'], ['%zz'], ['sit_%']])('a malformed escape %j in a revoke path gets a Clerk-shaped 404, never a rejection', async (segment) => {
		const { checked } = setup();
		const response = await checked(`https://api.clerk.com/v1/sign_in_tokens/${segment}/revoke`, {
			method: 'POST',
			headers: { authorization: 'Bearer sk_test_fake_clerk_key' },
		});

		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({ errors: [{ code: 'resource_not_found' }] });
	});

	test('a URL no fetch could send is answered 400, not thrown', async () => {
		const fake = createFakeClerk();
		const response = await fake.fetch('not a url');

		expect(response.status).toBe(400);
	});

	test.each([
		['now', { now: NOW + 0.75 }],
		['clock', { clock: () => NOW + 0.5 }],
	])('a fractional %s still produces whole-millisecond timestamps', async (_, options) => {
		const { clerk, fake } = setup(options);
		fake.clock.advance(1.3);
		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 10 });

		expect(created.ok).toBe(true);
		if (!created.ok) return;
		expect(Number.isInteger(created.value.createdAt)).toBe(true);
		expect(Number.isInteger(fake.tokens.get(created.value.id)?.expires_at)).toBe(true);
		expect(Number.isInteger(payload(created.value.token).exp)).toBe(true);
	});
});

describe('rate limit mode', () => {
	test.each([
		['an sk_test_ key: 100 per 10 s', 'sk_test_rate', 100],
		['an sk_live_ key: 1000 per 10 s', 'sk_live_rate', 1000],
	])("`rateLimit: true` is Clerk's per-instance limit for %s", async (_, secretKey, limit) => {
		const { checked, fake } = setup({ rateLimit: true, secretKey });
		const statuses: number[] = [];
		for (let i = 0; i <= limit; i++) statuses.push((await post(checked, '/sign_in_tokens', { user_id: 'user_123' }, secretKey)).status);

		expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
		const limited = await post(checked, '/sign_in_tokens', { user_id: 'user_123' }, secretKey);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('10');
		expect(await limited.json()).toMatchObject({ errors: [{ code: 'too_many_requests' }] });

		fake.clock.advance(10_000);
		expect((await post(checked, '/sign_in_tokens', { user_id: 'user_123' }, secretKey)).status).toBe(200);
	});

	test('a custom limit and window, and a Retry-After that counts down on the clock', async () => {
		const { checked, fake } = setup({ rateLimit: { limit: 2, windowMs: 5_000 } });
		await post(checked, '/sign_in_tokens', { user_id: 'user_123' });
		await post(checked, '/sign_in_tokens', { user_id: 'user_123' });
		fake.clock.advance(2_500);

		const limited = await post(checked, '/sign_in_tokens', { user_id: 'user_123' });

		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
	});

	test('is off by default', async () => {
		const { checked } = setup();
		for (let i = 0; i < 150; i++) expect((await post(checked, '/sign_in_tokens', { user_id: 'user_123' })).status).toBe(200);
	});
});

describe('a fake set up wrong fails loudly, never silently on defaults', () => {
	test.each([
		[{ users: 'user_1' }, 'createFakeClerk: options.users must be an iterable (not a string) of IDs or { id } objects'],
		[{ users: [''] }, 'createFakeClerk: options.users must be an iterable (not a string) of IDs or { id } objects'],
		[{ organizations: [{ name: 'x' }] }, 'createFakeClerk: options.organizations must be an iterable (not a string) of IDs or { id } objects'],
		[{ secretKey: 'sk test' }, 'createFakeClerk: options.secretKey must be a non-empty string of visible ASCII'],
		[{ latencyMs: -5 }, 'createFakeClerk: options.latencyMs must be a finite number of ms, 0 or more'],
		[{ now: Number.NaN }, 'createFakeClerk: options.now must be a finite number of ms since the epoch'],
		[{ clock: 5 }, 'createFakeClerk: options.clock must be a function returning ms since the epoch'],
		[{ frontendURL: 'javascript:alert(1)' }, 'createFakeClerk: options.frontendURL must be an http(s) URL'],
		[
			{ rateLimit: { limit: 0, windowMs: 1000 } },
			'createFakeClerk: options.rateLimit must be a boolean or { limit, windowMs }, both whole numbers of at least 1',
		],
		[{ user: ['user_1'] }, 'createFakeClerk: options has an unknown option "user" (did you mean users?)'],
	])('%j', (options, message) => {
		expect(() => createFakeClerk(options as never)).toThrow(new TypeError(message));
	});

	test('reads a generator of users once, and keeps every user', () => {
		function* users() {
			yield 'user_a';
			yield { id: 'user_b' };
		}

		expect([...createFakeClerk({ users: users() }).users]).toEqual(['user_a', 'user_b']);
	});

	test.each([
		[-1, 'network', 'failNext: count must be a whole number, 0 or more'],
		[1.5, 'network', 'failNext: count must be a whole number, 0 or more'],
		[1, 'reset', 'failNext: fault must be "network", "hang" or { status: 200 to 599, headers?, body?: string }'],
		[1, { status: 700 }, 'failNext: fault must be "network", "hang" or { status: 200 to 599, headers?, body?: string }'],
		[1, { status: 500, body: { error: true } }, 'failNext: fault must be "network", "hang" or { status: 200 to 599, headers?, body?: string }'],
	])('failNext(%j, %j) throws, and queues nothing', async (count, fault, message) => {
		const fake = createFakeClerk();

		expect(() => fake.failNext(count, fault as never)).toThrow(new TypeError(message));
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });
		expect((await signInTokensCreate(clerk, { userId: 'user_123' })).ok).toBe(true);
	});
});

describe('controls', () => {
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
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, retry: policy({ delay: () => 0 }) });

		const res = await signInTokensCreate(clerk, { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(fake.requests).toHaveLength(3);
	});

	test('failNext can fail the network, or hang until the call gives up', async () => {
		const { fake } = setup();
		fake.failNext(1, 'network');
		fake.failNext(1, 'hang');
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, retry: 0 });

		expect(await signInTokensRevoke(clerk, { signInTokenId: 'sit_x' })).toMatchObject({ ok: false, error: { kind: 'connection' } });
		const controller = new AbortController();
		const hung = signInTokensRevoke(clerk, { signInTokenId: 'sit_x' }, { signal: controller.signal });
		controller.abort();
		expect(await hung).toMatchObject({ ok: false, error: { kind: 'aborted' } });
	});
});
