// The Playwright fixture's route, on a scripted page: what the page's sign-in request becomes on its
// way to Clerk — the ticket swapped in, at the Frontend API's slot — and, above all, that a request
// carrying a stand-in never reaches Clerk once its sign-in has ended (at the deadline, or when the
// page failed), where it would sign the page in after signInAs said it did not and spend a slot of
// the Frontend API's limit that no budget gave it. The real browser, clerk-js and Playwright are
// `npm run test:e2e`'s.
import type { Page, Route } from '@playwright/test';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { budget } from '../src/budget/index.ts';
import { ClerkCore } from '../src/core.ts';
import type { SignInAsResult } from '../src/e2e/errors.ts';
import { readClerk, redeem } from '../src/e2e/page.ts';
import { clerkFixtures } from '../src/playwright.ts';
import type { SignInAs, SignInOptions } from '../src/playwright.ts';
import { createFakeClerk } from '../src/testing/index.ts';

const SIGN_INS = 'https://app.test/v1/client/sign_ins?__clerk_db_jwt=dvb_1';

type Handler = (route: Route) => Promise<void>;
type Settled = { how: 'fallback' | 'abort' | 'fulfill'; status?: number; body?: string };

// What the page does when asked to redeem: send its sign-in now, later (`held`), or fail at once.
type Script = 'send' | 'held' | 'fail';

function scriptedPage(script: Script, failWhen: Promise<void> = Promise.resolve()) {
	const handlers: { matches: (url: URL) => boolean; handler: Handler }[] = [];
	const settled: Settled[] = [];
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	// The page's sign-in request through its routes, as Playwright dispatches it; resolves to how
	// the route ended it.
	const send = async (standIn: string): Promise<Settled> => {
		const body = `strategy=ticket&ticket=${standIn}`;
		const url = new URL(SIGN_INS);
		const handler = handlers.find((h) => h.matches(url));
		if (!handler) return { how: 'fallback' };
		let end = (_: Settled) => {};
		const ended = new Promise<Settled>((resolve) => (end = resolve));
		const route = {
			request: () => ({
				method: () => 'POST',
				postData: () => body,
				url: () => SIGN_INS,
				allHeaders: async () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
			}),
			fallback: async () => end({ how: 'fallback' }),
			abort: async () => end({ how: 'abort' }),
			fulfill: async ({ status, body: text }: { status: number; body: string }) => end({ how: 'fulfill', status, body: text }),
		} as unknown as Route;
		await handler.handler(route);
		const how = await ended;
		settled.push(how);
		return how;
	};
	const late: Promise<Settled>[] = [];
	const page = {
		route: async (matches: (url: URL) => boolean, handler: Handler) => void handlers.push({ matches, handler }),
		unroute: async (_: unknown, handler: Handler) =>
			void handlers.splice(
				handlers.findIndex((h) => h.handler === handler),
				1,
			),
		waitForFunction: async () => undefined,
		async evaluate(fn: unknown, args: { ticket: string }) {
			if (fn === readClerk) return { loaded: true, frontendApi: 'fake.clerk.accounts.dev', userId: null, sessionId: null };
			if (fn !== redeem) throw new Error('unexpected evaluate');
			if (script === 'fail') {
				late.push(send(args.ticket));
				await failWhen;
				throw new Error('Target page, context or browser has been closed');
			}
			if (script === 'held') {
				late.push(held.then(() => send(args.ticket)));
				return new Promise(() => {});
			}
			const how = await send(args.ticket);
			return how.how === 'fulfill' && how.status === 200
				? { ok: true, sessionId: 'sess_1', userId: 'user_a', organizationId: null }
				: { ok: false, step: 'sign-in', code: undefined, message: how.how, status: undefined };
		},
	};
	return { page: page as unknown as Page, handlers, settled, late, release };
}

function setup({ timeoutMs = 5_000, frontendBudget = false }: { timeoutMs?: number; frontendBudget?: SignInOptions['frontendBudget'] } = {}) {
	const fake = createFakeClerk({ users: ['user_a'] });
	const core = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, retry: 0 });
	const fixtures = clerkFixtures({ core, frontendBudget, timeoutMs }) as unknown as {
		signInAs: (deps: { clerkCore: ClerkCore }, use: (signInAs: SignInAs) => Promise<void>) => Promise<void>;
	};
	// Clerk's Frontend API, as the route reaches it from Node.
	const upstream = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => Response.json({ response: {} }, { status: 200 }));
	// A test: `signInAs(page, request)` inside the fixture, then the fixture's end.
	const run = async (page: Page): Promise<SignInAsResult> => {
		let result: SignInAsResult | undefined;
		await fixtures.signInAs({ clerkCore: core }, async (signInAs) => {
			result = await signInAs(page, { userId: 'user_a' });
		});
		return result as SignInAsResult;
	};
	return { fake, upstream, run };
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('the Playwright route', () => {
	test('swaps the ticket in on the way out, and hands the page Clerk’s answer', async () => {
		const { fake, upstream, run } = setup();
		const { page, settled } = scriptedPage('send');

		const res = await run(page);

		expect(res).toMatchObject({ ok: true, value: { userId: 'user_a', sessionId: 'sess_1' } });
		const [token] = [...fake.tokens.values()];
		expect(upstream).toHaveBeenCalledTimes(1);
		const [url, init] = upstream.mock.calls[0] as [string, RequestInit];
		expect([url, init.method, init.body]).toEqual([SIGN_INS, 'POST', `strategy=ticket&ticket=${token?.token}`]);
		expect(settled).toEqual([{ how: 'fulfill', status: 200, body: '{"response":{}}' }]);
	});

	test('a sign-in the page sends after the deadline is aborted: it never reaches Clerk, and its ticket is revoked', async () => {
		const { fake, upstream, run } = setup({ timeoutMs: 50 });
		const { page, late, release } = scriptedPage('held');

		const res = await run(page);
		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', signInTokenId: expect.stringMatching(/^sit_/) } });
		// The page's request leaves only now, after signInAs said the page did not sign in.
		release();
		expect(late).toHaveLength(1);
		expect(await late[0]).toEqual({ how: 'abort' });

		expect(upstream).not.toHaveBeenCalled();
		expect([...fake.tokens.values()].map((t) => t.status)).toEqual(['revoked']);
	});

	test('a page that failed while its request waited for the Frontend API’s slot: the wait ends, nothing is sent', async () => {
		const waits: AbortSignal[] = [];
		let waiting = () => {};
		const waited = new Promise<void>((resolve) => (waiting = resolve));
		// A slot that never comes: only the sign-in's end stops the wait.
		const never = budget({
			take: (_scope, signal) => {
				waits.push(signal);
				waiting();
				return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
			},
			pause: () => undefined,
		});
		const { fake, upstream, run } = setup({ frontendBudget: never });
		// The page fails once its request is waiting for the slot.
		const { page, late } = scriptedPage('fail', waited);

		const res = await run(page);

		expect(res).toMatchObject({ ok: false, error: { kind: 'sign-in-incomplete' } });
		expect(late).toHaveLength(1);
		expect(await late[0]).toEqual({ how: 'abort' });
		expect(waits).toHaveLength(1);
		expect(waits[0]?.aborted).toBe(true);
		expect(upstream).not.toHaveBeenCalled();
		expect([...fake.tokens.values()].map((t) => t.status)).toEqual(['revoked']);
	});

	test('one route per page, however many sign-ins it has seen; another path falls through', async () => {
		const { run } = setup();
		const { page, handlers, settled } = scriptedPage('send');

		await run(page);
		await run(page);

		expect(handlers).toHaveLength(1);
		expect(handlers[0]?.matches(new URL('https://app.test/v1/client/sessions/sess_1/touch'))).toBe(false);
		expect(settled.map((s) => s.how)).toEqual(['fulfill', 'fulfill']);
	});
});
