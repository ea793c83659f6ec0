// The fake's Frontend API, request by request, as clerk-js sends them: a dev browser names the
// client, a ticket signs in, a touch sets the active organization — and every way Clerk refuses.
import { readFileSync } from 'node:fs';
import { validate } from '@hyperjump/json-schema/openapi-3-0';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import type { FakeClerk, FakeClerkOptions } from '../../src/testing/index.ts';
import { register } from '../helpers/openapi.ts';

const NOW = 1_767_225_600_000;
const ORIGIN = 'https://app.test';

function setup(options?: FakeClerkOptions) {
	const fake = createFakeClerk({
		now: NOW,
		users: ['user_a', 'user_b'],
		organizations: [{ id: 'org_team', members: ['user_a'] }, 'org_open'],
		...options,
	});
	const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, retry: 0 });
	return { fake, clerk };
}

type Browser = { devBrowser?: string; cookie?: string };

// One Frontend API request, as clerk-js sends it: form-encoded, the dev browser in the query.
function fapi(fake: FakeClerk, method: string, path: string, form: Record<string, string> | undefined, browser: Browser = {}) {
	const url = new URL(`${ORIGIN}/v1${path}`);
	if (browser.devBrowser) url.searchParams.set('__clerk_db_jwt', browser.devBrowser);
	return fake.fetch(url, {
		method,
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...(browser.cookie ? { cookie: browser.cookie } : {}) },
		...(form ? { body: new URLSearchParams(form).toString() } : {}),
	});
}

async function devBrowser(fake: FakeClerk): Promise<Browser> {
	const response = await fapi(fake, 'POST', '/dev_browser', undefined);
	const { id } = (await response.json()) as { id: string };
	return { devBrowser: id };
}

async function ticketFor(clerk: ClerkCore, userId: string, orgId?: string) {
	const res = await signInTokensCreate(clerk, { userId, ...(orgId ? { orgId } : {}) });
	if (!res.ok) throw new Error(res.error.message);
	return { id: res.value.id, ticket: res.value.token as string };
}

// The wire's JSON, read loosely: each test asserts the exact fields it names.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Wire = Record<string, any>;
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Wire });
const claims = (jwt: string) => JSON.parse(atob((jwt.split('.')[1] ?? '').replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>;

describe('the fake Frontend API', () => {
	test('the publishable key names the Frontend API host, as a development key does', () => {
		const { fake } = setup({ frontendURL: 'https://my-app.clerk.accounts.dev' });

		expect(fake.publishableKey).toBe(`pk_test_${btoa('my-app.clerk.accounts.dev$')}`);
	});

	test('answers the environment (GET, and the PATCH clerk-js tunnels through _method)', async () => {
		const { fake } = setup();

		for (const path of ['/environment', '/environment?_method=PATCH']) {
			const { status, body } = await json(await fapi(fake, path.includes('PATCH') ? 'POST' : 'GET', path, undefined));
			expect(status).toBe(200);
			expect(body).toMatchObject({ object: 'environment', auth_config: { single_session_mode: true }, organization_settings: { enabled: true } });
		}
	});

	test('a ticket signs the user in: one complete sign-in, an active session, the token accepted', async () => {
		const { fake, clerk } = setup();
		const browser = await devBrowser(fake);
		const { id, ticket } = await ticketFor(clerk, 'user_a');

		const { status, body } = await json(await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser));

		expect(status).toBe(200);
		expect(body.response).toMatchObject({ object: 'sign_in_attempt', status: 'complete', identifier: null });
		const sessionId = body.response.created_session_id as string;
		expect(sessionId).toMatch(/^sess_/);
		expect(body.client.sessions).toMatchObject([
			{ id: sessionId, status: 'active', user_id: 'user_a', last_active_organization_id: null, user: { id: 'user_a' } },
		]);
		expect(fake.tokens.get(id)).toMatchObject({ status: 'accepted', updated_at: NOW });
		// The same dev browser reads the same client, signed in.
		const client = await json(await fapi(fake, 'GET', '/client', undefined, browser));
		expect(client.body.response.sessions.map((s: { id: string }) => s.id)).toEqual([sessionId]);
		// The answer never holds the ticket it was given.
		expect(JSON.stringify(body)).not.toContain(ticket);
	});

	test('without a dev browser the client is the __client cookie it sets, as on a production instance', async () => {
		const { fake, clerk } = setup();
		const first = await fapi(fake, 'GET', '/client', undefined);
		const cookie = first.headers.get('set-cookie') as string;
		expect(cookie).toMatch(/^__client=client_\w+; Path=\/; HttpOnly; SameSite=Lax$/);
		const { ticket } = await ticketFor(clerk, 'user_a');

		const signedIn = await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, { cookie: cookie.split(';')[0] as string });

		expect(signedIn.status).toBe(200);
		expect(signedIn.headers.get('set-cookie')).toBeNull();
		expect(fake.clients.get(cookie.slice('__client='.length, cookie.indexOf(';')))?.sessions).toHaveLength(1);
	});

	test.each([
		['an unknown ticket', 'ticket_invalid_code'],
		['an expired ticket', 'ticket_expired_code'],
		['a revoked ticket', 'sign_in_token_revoked_code'],
		['a used ticket', 'sign_in_token_already_used_code'],
	])('refuses %s with 400 and Clerk’s code, and signs no one in', async (what, code) => {
		const { fake, clerk } = setup();
		const browser = await devBrowser(fake);
		const minted = await ticketFor(clerk, 'user_a');
		const { id } = minted;
		let { ticket } = minted;
		if (what === 'an unknown ticket') ticket = `${ticket}x`;
		if (what === 'an expired ticket') fake.clock.advance(30 * 24 * 3600 * 1000 + 1);
		if (what === 'a revoked ticket') expect((await signInTokensRevoke(clerk, { signInTokenId: id })).ok).toBe(true);
		if (what === 'a used ticket')
			expect((await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, await devBrowser(fake))).status).toBe(200);
		const before = fake.tokens.get(id)?.status;

		const { status, body } = await json(await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser));

		expect(status).toBe(400);
		expect(body.errors).toMatchObject([{ code, meta: { param_name: 'ticket' } }]);
		expect(body.errors[0].long_message).toMatch(/\w/);
		expect(fake.tokens.get(id)?.status).toBe(before);
		expect((await json(await fapi(fake, 'GET', '/client', undefined, browser))).body.response.sessions).toEqual([]);
	});

	test('a client signed in already is refused a second sign-in (single session mode), its ticket left pending', async () => {
		const { fake, clerk } = setup();
		const browser = await devBrowser(fake);
		await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket: (await ticketFor(clerk, 'user_a')).ticket }, browser);
		const second = await ticketFor(clerk, 'user_b');

		const { status, body } = await json(await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket: second.ticket }, browser));

		expect(status).toBe(400);
		expect(body.errors).toMatchObject([{ code: 'session_exists' }]);
		expect(fake.tokens.get(second.id)?.status).toBe('pending');
	});

	test('signs in with strategy ticket only: any other is 422 form_param_value_invalid', async () => {
		const { fake } = setup();

		const { status, body } = await json(await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'password', identifier: 'a@b.c' }, await devBrowser(fake)));

		expect(status).toBe(422);
		expect(body.errors).toMatchObject([{ code: 'form_param_value_invalid', meta: { param_name: 'strategy' } }]);
	});

	test('a ticket minted with an organization the user belongs to activates it on sign-in', async () => {
		const { fake, clerk } = setup();
		const { ticket } = await ticketFor(clerk, 'user_a', 'org_team');

		const { body } = await json(await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, await devBrowser(fake)));

		expect(body.client.sessions[0]).toMatchObject({ last_active_organization_id: 'org_team' });
		expect(claims(body.client.sessions[0].last_active_token.jwt)).toMatchObject({ sub: 'user_a', org_id: 'org_team' });
	});

	describe('a session’s touch sets the active organization', () => {
		async function signedIn(userId: string) {
			const { fake, clerk } = setup();
			const browser = await devBrowser(fake);
			const { body } = await json(
				await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket: (await ticketFor(clerk, userId)).ticket }, browser),
			);
			return { fake, browser, sessionId: body.response.created_session_id as string };
		}

		test('to one the user is a member of: the session and its token name it', async () => {
			const { fake, browser, sessionId } = await signedIn('user_a');
			fake.clock.advance(1000);

			const { status, body } = await json(await fapi(fake, 'POST', `/client/sessions/${sessionId}/touch`, { active_organization_id: 'org_team' }, browser));

			expect(status).toBe(200);
			expect(body.response).toMatchObject({ id: sessionId, last_active_organization_id: 'org_team', last_active_at: NOW + 1000 });
			const token = await json(await fapi(fake, 'POST', `/client/sessions/${sessionId}/tokens`, {}, browser));
			expect(claims(token.body.jwt)).toMatchObject({ sid: sessionId, sub: 'user_a', org_id: 'org_team' });
			// An organization seeded by ID alone admits every user; an empty ID clears it.
			expect((await fapi(fake, 'POST', `/client/sessions/${sessionId}/touch`, { active_organization_id: 'org_open' }, browser)).status).toBe(200);
			const cleared = await json(await fapi(fake, 'POST', `/client/sessions/${sessionId}/touch`, { active_organization_id: '' }, browser));
			expect(cleared.body.response.last_active_organization_id).toBeNull();
		});

		test('to one the user is not a member of: 403 not_a_member_in_organization, nothing changed', async () => {
			const { fake, browser, sessionId } = await signedIn('user_b');

			const { status, body } = await json(await fapi(fake, 'POST', `/client/sessions/${sessionId}/touch`, { active_organization_id: 'org_team' }, browser));

			expect(status).toBe(403);
			expect(body.errors).toMatchObject([{ code: 'not_a_member_in_organization' }]);
			expect(fake.clients.values().next().value?.sessions[0]?.last_active_organization_id).toBeNull();
		});

		test('to one that does not exist: 404 organization_not_found_or_unauthorized', async () => {
			const { fake, browser, sessionId } = await signedIn('user_a');

			const { status, body } = await json(await fapi(fake, 'POST', `/client/sessions/${sessionId}/touch`, { active_organization_id: 'org_nope' }, browser));

			expect(status).toBe(404);
			expect(body.errors).toMatchObject([{ code: 'organization_not_found_or_unauthorized' }]);
		});

		test('of a session another client holds: 404, as Clerk hides it', async () => {
			const { fake, sessionId } = await signedIn('user_a');

			const response = await fapi(fake, 'POST', `/client/sessions/${sessionId}/touch`, {}, await devBrowser(fake));

			expect(response.status).toBe(404);
		});
	});

	describe('the Frontend API’s rate limit (5 sign-ins per 10 s for the whole fake)', () => {
		async function attempts(fake: FakeClerk, count: number) {
			const statuses: number[] = [];
			for (let i = 0; i < count; i++)
				statuses.push((await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket: 'nope' }, await devBrowser(fake))).status);
			return statuses;
		}

		test('is on with rateLimit: true: the sixth in the window is 429 with Retry-After, the next window is open', async () => {
			const { fake } = setup({ rateLimit: true });

			expect(await attempts(fake, 5)).toEqual([400, 400, 400, 400, 400]);
			fake.clock.advance(7_500);
			const limited = await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket: 'nope' }, await devBrowser(fake));
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('3');
			expect((await limited.json()) as unknown).toMatchObject({ errors: [{ code: 'too_many_requests' }] });
			fake.clock.advance(2_500);
			expect(await attempts(fake, 1)).toEqual([400]);
		});

		test('counts sign-ins only, and can be set apart from the Backend API’s', async () => {
			const off = setup({ rateLimit: true, frontendRateLimit: false }).fake;
			expect(await attempts(off, 8)).toEqual(Array(8).fill(400));

			const own = setup({ frontendRateLimit: { limit: 2, windowMs: 1000 } }).fake;
			for (let i = 0; i < 5; i++) expect((await fapi(own, 'GET', '/client', undefined)).status).toBe(200);
			expect(await attempts(own, 3)).toEqual([400, 400, 429]);
		});
	});
});

describe('failNext with a path', () => {
	test('fails only the requests to that path, in order, and leaves the others alone', async () => {
		const { fake, clerk } = setup();
		const browser = await devBrowser(fake);
		const { ticket } = await ticketFor(clerk, 'user_a');
		fake.failNext(1, { status: 503, body: 'down' }, { path: '/v1/client/sign_ins' });

		expect((await fapi(fake, 'GET', '/client', undefined, browser)).status).toBe(200);
		expect((await ticketFor(clerk, 'user_b')).id).toMatch(/^sit_/);
		const failed = await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser);
		expect([failed.status, await failed.text()]).toEqual([503, 'down']);
		expect((await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser)).status).toBe(200);
	});

	test.each([[{}], [{ path: 1 }], [{ path: '/v1/x', method: 'POST' }], ['/v1/x'], [null]])('refuses the match %j, queueing nothing', (match) => {
		const { fake } = setup();

		expect(() => fake.failNext(1, 'network', match as never)).toThrow(
			new TypeError('failNext: match must be { path: the request path it fails, e.g. "/v1/client/sign_ins" }'),
		);
	});
});

// Every answer the fake's Frontend API gives, held to spec/clerk-fapi-ticket-sign-in.yml with
// every documented object made exact (all its fields, and no others), and every documented
// operation exercised: the spec names what the fake serves, and the fake serves nothing else.
describe('the fake Frontend API, against spec/clerk-fapi-ticket-sign-in.yml', () => {
	type Operation = { responses: Record<string, { $ref?: string }> };
	const spec = parse(readFileSync(new URL('../../spec/clerk-fapi-ticket-sign-in.yml', import.meta.url), 'utf8')) as {
		paths: Record<string, Record<string, Operation>>;
	};
	// Exact: an object schema with fields and no `required` of its own requires all of them, and no others.
	const exact = (node: unknown): unknown => {
		if (Array.isArray(node)) return node.map(exact);
		if (typeof node !== 'object' || node === null) return node;
		const out = Object.fromEntries(
			Object.entries(node).map(([key, value]) => [
				key,
				key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, exact(v)])) : exact(value),
			]),
		);
		if ('properties' in out && !('required' in out)) Object.assign(out, { required: Object.keys(out.properties as object), additionalProperties: false });
		return out;
	};
	const uri = register(exact(spec), 'clerk-fapi');
	const seen = new Set<string>();
	const template = (path: string) => path.replace(/\?.*/, '').replace(/\/sessions\/[^/]+\//, '/sessions/{session_id}/');
	const pointer = (path: string) => encodeURIComponent(path.replaceAll('~', '~0').replaceAll('/', '~1'));

	async function asSpecified(method: string, path: string, response: Response, wire: string = method): Promise<Wire> {
		const specified = template(`/v1${path}`);
		const operation = spec.paths[specified]?.[wire.toLowerCase()];
		expect(operation, `${wire} ${specified} is in the spec`).toBeDefined();
		const status = String(response.status);
		const entry = (operation as Operation).responses[status];
		expect(entry, `${status} is documented for ${wire} ${specified}`).toBeDefined();
		const at = entry?.$ref ? entry.$ref.slice(1) : `/paths/${pointer(specified)}/${wire.toLowerCase()}/responses/${status}`;
		const body = (await response.json()) as Wire;
		const output = await validate(`${uri}#${at}/content/application~1json/schema`, body as never);
		expect(output.valid, `${wire} ${specified} ${status}: ${JSON.stringify(body).slice(0, 400)}`).toBe(true);
		seen.add(`${wire.toLowerCase()} ${specified}`);
		return body;
	}

	test('the document is valid OpenAPI 3.0', async () => {
		expect((await validate('https://spec.openapis.org/oas/3.0/schema', spec as never)).valid).toBe(true);
	});

	test('every answer of a ticket sign-in, from the environment to a session token, is as specified', async () => {
		const { fake, clerk } = setup({ frontendRateLimit: { limit: 5, windowMs: 10_000 } });
		await asSpecified('GET', '/environment', await fapi(fake, 'GET', '/environment', undefined));
		await asSpecified('POST', '/environment?_method=PATCH', await fapi(fake, 'POST', '/environment?_method=PATCH', undefined), 'POST');
		const body = await asSpecified('POST', '/dev_browser', await fapi(fake, 'POST', '/dev_browser', undefined));
		const browser = { devBrowser: body.id as string };
		await asSpecified('GET', '/client', await fapi(fake, 'GET', '/client', undefined, browser));
		await asSpecified('POST', '/client/sign_ins', await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'password', identifier: 'a' }, browser));
		const spent = await ticketFor(clerk, 'user_b');
		await signInTokensRevoke(clerk, { signInTokenId: spent.id });
		await asSpecified('POST', '/client/sign_ins', await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket: spent.ticket }, browser));
		const { ticket } = await ticketFor(clerk, 'user_a', 'org_team');
		const signedIn = await asSpecified('POST', '/client/sign_ins', await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser));
		const session = signedIn.response.created_session_id as string;
		await asSpecified('POST', '/client/sign_ins', await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser));
		await asSpecified('GET', '/client', await fapi(fake, 'GET', '/client', undefined, browser));
		await asSpecified(
			'POST',
			`/client/sessions/${session}/touch`,
			await fapi(fake, 'POST', `/client/sessions/${session}/touch`, { active_organization_id: '' }, browser),
		);
		await asSpecified(
			'POST',
			`/client/sessions/${session}/touch`,
			await fapi(fake, 'POST', `/client/sessions/${session}/touch`, { active_organization_id: 'org_nope' }, browser),
		);
		await asSpecified('POST', `/client/sessions/${session}/tokens`, await fapi(fake, 'POST', `/client/sessions/${session}/tokens`, undefined, browser));
		await asSpecified('POST', '/client/sessions/sess_gone/tokens', await fapi(fake, 'POST', '/client/sessions/sess_gone/tokens', undefined, browser));
		fake.organizations.add('org_other');
		fake.members.set('org_other', new Set(['user_b']));
		await asSpecified(
			'POST',
			`/client/sessions/${session}/touch`,
			await fapi(fake, 'POST', `/client/sessions/${session}/touch`, { active_organization_id: 'org_other' }, browser),
		);
		await asSpecified('POST', '/client/sign_ins', await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser));
		const limited = await fapi(fake, 'POST', '/client/sign_ins', { strategy: 'ticket', ticket }, browser);
		expect(limited.status).toBe(429);
		await asSpecified('POST', '/client/sign_ins', limited);

		const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
			Object.entries(operations).flatMap(([method, operation]) => Object.keys(operation.responses).map((status) => `${method} ${path} ${status}`)),
		);
		expect(documented.length).toBeGreaterThan(10);
		expect([...seen].sort()).toEqual([...new Set(documented.map((d) => d.split(' ').slice(0, 2).join(' ')))].sort());
	});
});
