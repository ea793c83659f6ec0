// The Cypress command and its tasks, together, in one process: the real tasks (`clerkTasks`, on the
// fake's Backend API) behind a scripted `cy` that runs commands in order as Cypress does, routes the
// page's requests through the command's intercepts, and waits on each `.then` only as long as it is
// told — and, in the "page", a stand-in for clerk-js that signs in on the fake's Frontend API as
// clerk-js does. What real Cypress adds (its proxy, its runner) is not here: see docs/e2e.md.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { addClerkCommands } from '../../src/cypress/index.ts';
import type { ChainLike, CyLike, CypressLike, InterceptedLike } from '../../src/cypress/index.ts';
import { clerkTasks } from '../../src/cypress/tasks.ts';
import type { SignInAsRequest, SignInAsResult } from '../../src/e2e/errors.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import type { FakeClerk } from '../../src/testing/index.ts';

const ORIGIN = 'https://app.test';

// A chain of commands: each link waits for the one before, and for what its callback returns — a
// promise within the timeout it was given, else it fails, as Cypress's does; a chain of commands it
// queued, for as long as those take.
class Chain implements ChainLike {
	constructor(
		readonly value: Promise<unknown>,
		private readonly timeouts: number[],
	) {}
	then<R>(options: { timeout: number }, callback: (value: never) => R): ChainLike {
		this.timeouts.push(options.timeout);
		return new Chain(
			this.value.then(async (value) => {
				const returned = callback(value as never) as unknown;
				// Commands the callback queued run after it, each within its own timeout, as Cypress's do.
				if (returned instanceof Chain) return returned.value;
				const settled = Promise.resolve(returned);
				let timer: ReturnType<typeof setTimeout> | undefined;
				const late = new Promise((_, reject) => (timer = setTimeout(reject, options.timeout, new Error(`.then timed out after ${options.timeout} ms`))));
				try {
					return await Promise.race([settled, late]);
				} finally {
					clearTimeout(timer);
				}
			}),
			this.timeouts,
		);
	}
}

type Route = { method: string; url: RegExp; handler: (request: InterceptedLike) => void };

// A page with a clerk-js stand-in: `client.signIn.create` and `setActive` send the requests
// clerk-js sends (form-encoded, the dev browser in the query) through the intercepts, as Cypress's
// proxy would, and throw Clerk's errors as clerk-js does.
function page(fake: FakeClerk, routes: Route[], sent: string[], hold: Promise<void>) {
	const devBrowser = 'dvb_cypress';
	// Every sign-in the page started, for a test to await one that outlived its command.
	const creates: Promise<unknown>[] = [];
	const send = async (path: string, form: Record<string, string>) => {
		const url = `${ORIGIN}/v1${path}?__clerk_db_jwt=${devBrowser}`;
		const request = { body: new URLSearchParams(form).toString() as unknown, listeners: [] as ((r: { statusCode: number }) => void)[], destroyed: false };
		for (const route of routes) {
			if (route.method === 'POST' && route.url.test(url)) {
				route.handler({
					get body() {
						return request.body;
					},
					set body(value) {
						request.body = value;
					},
					on: (_event, listener) => void request.listeners.push(listener),
					destroy: () => void (request.destroyed = true),
				});
			}
		}
		// Cypress ends a destroyed request with a network error; it never reaches the server.
		if (request.destroyed) throw new TypeError('Failed to fetch');
		sent.push(String(request.body));
		const response = await fake.fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: String(request.body) });
		for (const listener of request.listeners) listener({ statusCode: response.status });
		const body = (await response.json().catch(() => ({}))) as { response?: Record<string, unknown>; errors?: { code: string; long_message: string }[] };
		if (!response.ok)
			throw Object.assign(new Error('Clerk API error'), { errors: (body.errors ?? []).map((e) => ({ code: e.code, longMessage: e.long_message })) });
		return body.response as Record<string, unknown>;
	};
	const Clerk = {
		loaded: true,
		frontendApi: 'fake-instance.clerk.accounts.dev',
		user: null as { id: string } | null,
		session: null as { id: string; status: string } | null,
		organization: null as { id: string } | null,
		client: {
			signIn: {
				create(params: { strategy: string; ticket: string }) {
					const created = (async () => {
						await hold;
						const attempt = await send('/client/sign_ins', { strategy: params.strategy, ticket: params.ticket });
						return { status: attempt.status, createdSessionId: attempt.created_session_id };
					})();
					creates.push(created);
					return created;
				},
			},
		},
		async setActive({ session, organization }: { session: string; organization?: string }) {
			const touched = await send(`/client/sessions/${session}/touch`, organization ? { active_organization_id: organization } : {});
			Clerk.session = { id: touched.id as string, status: touched.status as string };
			Clerk.user = { id: touched.user_id as string };
			const org = touched.last_active_organization_id as string | null;
			Clerk.organization = org ? { id: org } : null;
		},
	};
	return { Clerk, creates };
}

function setup({ clerkLoaded = true, timeoutMs = 5_000, hold = Promise.resolve() } = {}) {
	const fake = createFakeClerk({ users: ['user_a', 'user_b'], organizations: [{ id: 'org_team', members: ['user_a'] }] });
	const core = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, retry: 0 });
	const tasks: Record<string, (arg: unknown) => unknown> = {};
	clerkTasks((_event, registered) => Object.assign(tasks, registered), { core, frontendBudget: false });
	const routes: Route[] = [];
	const sent: string[] = [];
	const timeouts: number[] = [];
	const taskCalls: { name: string; timeout: number }[] = [];
	const win = clerkLoaded ? page(fake, routes, sent, hold) : {};
	let commands: ChainLike = new Chain(Promise.resolve(), timeouts);
	const queue = (run: () => Promise<unknown> | unknown) => {
		commands = new Chain((commands as Chain).value.then(run), timeouts);
		return commands;
	};
	const cy: CyLike = {
		window: () => queue(() => win),
		task: (name, arg, options) => {
			taskCalls.push({ name, timeout: options.timeout });
			return queue(() => (tasks[name] as (arg: unknown) => unknown)(arg));
		},
		intercept: (matcher, handler) => queue(() => void routes.push({ ...matcher, handler })),
		wrap: (value) => queue(() => value),
	};
	let command: ((request: SignInAsRequest) => unknown) | undefined;
	const hooks: (() => unknown)[] = [];
	const Cypress: CypressLike = { Commands: { add: (_name, fn) => void (command = fn) } };
	addClerkCommands({ timeoutMs }, { Cypress, cy, afterEach: (hook) => void hooks.push(hook) });
	// What a test does: `cy.signInAs(request)`, then what it yields.
	const signInAs = async (request: SignInAsRequest) => (await ((command as (r: SignInAsRequest) => Chain)(request) as Chain).value) as SignInAsResult;
	// What Cypress does after each test: the afterEach hooks, their commands run in order.
	const end = async () => {
		for (const hook of hooks) await (hook() as Chain).value;
	};
	return { fake, win, sent, routes, timeouts, taskCalls, signInAs, end };
}

describe('cy.signInAs', () => {
	test('signs the user in inside the page, through its Clerk, with the ticket swapped in only on the way out', async () => {
		const { fake, win, sent, signInAs, end, timeouts, taskCalls } = setup();

		const res = await signInAs({ userId: 'user_a', orgId: 'org_team' });

		expect(res).toMatchObject({ ok: true, value: { userId: 'user_a', organizationId: 'org_team' } });
		const [token] = [...fake.tokens.values()];
		expect(res.ok && res.value).toEqual({ userId: 'user_a', organizationId: 'org_team', sessionId: expect.stringMatching(/^sess_/), signInTokenId: token?.id });
		expect(token?.status).toBe('accepted');
		// What the page sent holds the ticket (the intercept put it there); the page itself never did.
		expect(sent[0]).toContain(`ticket=${token?.token}`);
		expect(JSON.stringify(win)).not.toContain(token?.token);
		// No `.then` waits on Cypress's 4 s default: each is given the step's deadline, or more.
		expect(Math.min(...timeouts)).toBeGreaterThanOrEqual(5_000);
		expect(taskCalls[0]).toEqual({ name: 'clerk-sign-in-tokens:mint', timeout: 10 * 60_000 + 5_000 });
		await end();
		expect(token?.status).toBe('accepted');
	});

	test('a request that is not one is refused before anything: no mint, no sign-in', async () => {
		const { fake, sent, signInAs } = setup();

		const res = await signInAs({ userId: 'user a' } as SignInAsRequest);

		expect(res).toMatchObject({ ok: false, error: { name: 'SignInAsError', kind: 'invalid-request' } });
		expect([fake.tokens.size, sent.length]).toEqual([0, 0]);
	});

	test('a page whose Clerk never loads: clerk-not-loaded at the deadline, nothing minted', async () => {
		const { fake, signInAs } = setup({ clerkLoaded: false, timeoutMs: 100 });

		const res = await signInAs({ userId: 'user_a' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'clerk-not-loaded' } });
		expect(res.ok || res.error.message).toContain('had not loaded within 100 ms');
		expect(fake.tokens.size).toBe(0);
	});

	test('a page signed in already: session-exists, nothing minted for the second', async () => {
		const { fake, signInAs } = setup();
		expect((await signInAs({ userId: 'user_a' })).ok).toBe(true);

		const res = await signInAs({ userId: 'user_b' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'session-exists' } });
		expect([...fake.tokens.values()].map((t) => t.user_id)).toEqual(['user_a']);
	});

	test('the Backend API’s refusal: mint, with its message', async () => {
		const { signInAs } = setup();

		const res = await signInAs({ userId: 'user_nobody' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'mint' } });
		expect(res.ok || res.error.message).toContain('No user was found with id user_nobody');
	});

	test('a user who is not a member: organization-not-activated, with Clerk’s code', async () => {
		const { signInAs } = setup();

		const res = await signInAs({ userId: 'user_b', orgId: 'org_team' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'organization-not-activated', code: 'not_a_member_in_organization' } });
	});

	test('a sign-in the page sends after the deadline is destroyed: it never reaches Clerk, and its ticket is revoked', async () => {
		let release = () => {};
		const hold = new Promise<void>((resolve) => (release = resolve));
		const { fake, win, sent, signInAs, end } = setup({ timeoutMs: 100, hold });

		const res = await signInAs({ userId: 'user_a' });
		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', signInTokenId: expect.stringMatching(/^sit_/) } });
		// The page's sign-in goes only now, after the command said it did not sign in.
		release();
		const { creates } = win as ReturnType<typeof page>;
		expect(creates).toHaveLength(1);
		await expect(creates[0]).rejects.toThrow('Failed to fetch');

		expect(sent).toEqual([]);
		expect(fake.requests.filter((r) => r.path === '/v1/client/sign_ins')).toEqual([]);
		await end();
		expect([...fake.tokens.values()].map((t) => t.status)).toEqual(['revoked']);
	});

	test('a ticket revoked before the page redeems it: ticket-refused, with Clerk’s code', async () => {
		const { fake, signInAs } = setup();
		const handle = fake.handle;
		fake.handle = async (request) => {
			const response = await handle(request);
			if (new URL(request.url).pathname === '/v1/sign_in_tokens') for (const token of fake.tokens.values()) token.status = 'revoked';
			return response;
		};

		const res = await signInAs({ userId: 'user_a' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'ticket-refused', code: 'sign_in_token_revoked_code' } });
	});

	test('a ticket whose sign-in failed is revoked after the test; one that cannot be fails it, naming the token', async () => {
		const { fake, signInAs, end } = setup();
		fake.failNext(1, { status: 503, body: '' }, { path: '/v1/client/sign_ins' });
		const first = await signInAs({ userId: 'user_a' });
		expect(first).toMatchObject({ ok: false, error: { kind: 'sign-in-incomplete' } });
		const id = first.ok ? '' : (first.error.signInTokenId as string);

		await end();

		expect(fake.tokens.get(id)?.status).toBe('revoked');
		fake.failNext(1, { status: 503, body: '' }, { path: '/v1/client/sign_ins' });
		const second = await signInAs({ userId: 'user_a' });
		const stuck = second.ok ? '' : (second.error.signInTokenId as string);
		fake.failNext(1, { status: 500, body: '' }, { path: `/v1/sign_in_tokens/${stuck}/revoke` });
		await expect(end()).rejects.toThrow(
			new RegExp(`1 sign-in token this test minted and did not see redeemed could not be revoked, and may still sign in: ${stuck} \\(api`),
		);
	});
});

describe('addClerkCommands', () => {
	test.each([
		[{}, undefined, 'addClerkCommands: call it from a Cypress support file'],
		[{ Cypress: { Commands: {} }, afterEach: () => {} }, undefined, 'addClerkCommands: call it from a Cypress support file'],
		[
			{ Cypress: { Commands: { add: () => {} } }, afterEach: () => {} },
			{ timeoutMs: 0 },
			'addClerkCommands: options.timeoutMs must be a whole number of ms, at least 1',
		],
		[
			{ Cypress: { Commands: { add: () => {} } }, afterEach: () => {} },
			{ timeoutMs: 1.5 },
			'addClerkCommands: options.timeoutMs must be a whole number of ms, at least 1',
		],
	])('refuses %j with %j', (globals, options, message) => {
		expect(() => addClerkCommands(options, globals as never)).toThrow(new TypeError(message));
	});
});

describe('clerkTasks', () => {
	test('refuses an `on` that is not a function, and options that are not', () => {
		expect(() => clerkTasks(undefined as never)).toThrow(new TypeError("clerkTasks: on must be setupNodeEvents's on"));
		expect(() => clerkTasks(() => {}, { expiresInSeconds: 0 })).toThrow(
			new TypeError('clerkTasks: options.expiresInSeconds must be a whole number of seconds, at least 1'),
		);
		expect(() => clerkTasks(() => {}, { frontendBudget: 'fast' } as never)).toThrow(/clerkTasks: options.frontendBudget must be a budget/);
		expect(() => clerkTasks(() => {}, { retries: 3 } as never)).toThrow(new TypeError('clerkTasks: options has an unknown option "retries"'));
	});

	test('the mint task refuses a malformed request without minting', async () => {
		const fake = createFakeClerk();
		const tasks: Record<string, (arg: unknown) => unknown> = {};
		clerkTasks((_e, registered) => Object.assign(tasks, registered), {
			core: new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey }),
			frontendBudget: false,
		});

		const answers = await Promise.all(
			[undefined, null, 'user_123', { userId: 42 }, { userId: 'user_123', orgId: 7 }].map((arg) => tasks['clerk-sign-in-tokens:mint']?.(arg)),
		);

		expect(answers.map((a) => (a as { kind: string }).kind)).toEqual(Array(5).fill('invalid-request'));
		expect(fake.tokens.size).toBe(0);
	});
});
