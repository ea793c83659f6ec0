// The `clerk-sign-in-tokens/playwright` entry: a fixture that signs a test user in inside the page.
// `@playwright/test` is an optional peer, used for its types only. The ticket never enters the page:
// the page signs in with a stand-in, and a route on the page swaps the ticket into the sign-in
// request as it leaves — from Node, so a Playwright trace records the stand-in, never the ticket.
import type { Fixtures, Page, Route } from '@playwright/test';
import type { ClerkCore } from './core.ts';
import { STAND_IN, unrevoked } from './e2e/errors.ts';
import { readClerk, redeem } from './e2e/page.ts';
import { revokeUnredeemed, settingsOf, signIn } from './e2e/signIn.ts';
import type { Driver, Ledger, SignInOptions } from './e2e/signIn.ts';
import type { SignInAsRequest, SignInAsResult } from './e2e/errors.ts';

export { SignInAsError } from './e2e/errors.ts';
export type { SignInAsFailure, SignInAsRequest, SignInAsResult, SignedIn } from './e2e/errors.ts';
export type { SignInOptions } from './e2e/signIn.ts';

/** Signs a user in inside `page`, with Clerk's frontend; resolves to the session, or to why not. Never rejects. */
export type SignInAs = (page: Page, request: SignInAsRequest) => Promise<SignInAsResult>;

/** The test-scoped fixture `clerkFixtures` adds. */
export interface ClerkTestFixtures {
	/** Signs a test user in inside a page; every ticket it minted and did not see redeemed is revoked when the test ends. */
	signInAs: SignInAs;
}

/** The worker-scoped fixture `clerkFixtures` adds. */
export interface ClerkWorkerFixtures {
	/** The core the worker mints with. */
	clerkCore: ClerkCore;
}

/**
 * Fixtures for `test.extend`: `signInAs(page, { userId, orgId? })` mints a ticket in Node (through
 * this SDK, under the core's budget), redeems it inside the page with Clerk's frontend
 * (`Clerk.client.signIn.create({ strategy: 'ticket' })`, then `Clerk.setActive({ session,
 * organization })` in one call) under the Frontend API's budget, and resolves once the session is
 * active. The ticket never appears in a URL, the page's history, its console or a trace: the page
 * is handed a stand-in, which a route swaps for the ticket on the request's way out. When the test
 * ends, every ticket it minted and did not see redeemed is revoked; one that cannot be fails the
 * test, naming its token.
 *
 * @param options The core, the Frontend API's budget, the tickets' lifetime and the deadline.
 * @returns The fixtures.
 * @throws {TypeError} When an option is malformed (a core config, as `new ClerkCore` would).
 *
 * @example
 * ```ts
 * export const test = base.extend(clerkFixtures());
 * test('the dashboard', async ({ page, signInAs }) => {
 *   await page.goto('/');
 *   expect((await signInAs(page, { userId: 'user_e2e' })).ok).toBe(true);
 * });
 * ```
 */
// Generic in the fixtures of the test it extends (inferred from `test.extend`), so a test that has
// them already — one extended with another deadline, in one file — can be extended again.
export function clerkFixtures<PT extends object = object, PW extends object = object>(
	options: SignInOptions = {},
): Fixtures<ClerkTestFixtures, ClerkWorkerFixtures, PT, PW> {
	const settings = settingsOf(options, 'clerkFixtures');
	const fixtures: Fixtures<ClerkTestFixtures, ClerkWorkerFixtures> = {
		clerkCore: [
			// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
			async ({}, use) => {
				await use(settings.core);
			},
			{ scope: 'worker' },
		],
		signInAs: async ({ clerkCore }, use) => {
			const ledger: Ledger = { minted: new Map() };
			await use((page, request) => signIn(driverFor(page), { ...settings, core: clerkCore }, ledger, request));
			const failures = await revokeUnredeemed(clerkCore, ledger);
			if (failures.length) throw unrevoked(failures);
		},
	};
	// They read `clerkCore` alone, which every test they extend then has.
	return fixtures as unknown as Fixtures<ClerkTestFixtures, ClerkWorkerFixtures, PT, PW>;
}

// Response headers a fetch has already undone (its body is decoded, its length its own).
const UNDONE = ['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'set-cookie'];

// A route answered, or unrouted, after its page closed (a test that ended at the deadline) has
// nothing left to tell.
const quietly = (done: Promise<void>) => done.catch(() => undefined);

// What a page's one route knows: each live sign-in's stand-in, with its ticket and its swap.
interface Live {
	ticket: string;
	swap: Swap;
	/** Aborted when the sign-in has ended: a request still waiting for its slot or for Clerk is dropped. */
	stopped: AbortController;
}

type Swap = Parameters<Driver['swap']>[2];

// One route per page, for the page's life: a route removed when its sign-in ends would let a
// request the page sent just then go to Clerk unseen.
const routes = new WeakMap<Page, Promise<Map<string, Live>>>();

function routeOf(page: Page): Promise<Map<string, Live>> {
	let live = routes.get(page);
	if (!live) {
		const map = new Map<string, Live>();
		live = page
			.route(
				(url) => /\/v1\/client\/sign_ins$/.test(url.pathname),
				(route) => swapIn(route, map),
			)
			.then(() => map);
		routes.set(page, live);
		// A page whose route could not be installed (it closed) is asked again next time.
		live.catch(() => routes.delete(page));
	}
	return live;
}

async function swapIn(route: Route, live: Map<string, Live>): Promise<void> {
	const request = route.request();
	const body = request.postData() ?? '';
	if (request.method() !== 'POST' || !body.includes(STAND_IN)) return quietly(route.fallback());
	// A stand-in that is not live — its sign-in ended (at the deadline, before the page's request
	// reached the route) — is aborted, never let through to Clerk, where it would spend a slot of the
	// Frontend API's limit that no budget gave it.
	const standIn = [...live.keys()].find((key) => body.includes(key));
	const sign = standIn === undefined ? undefined : live.get(standIn);
	if (standIn === undefined || !sign) return quietly(route.abort('failed'));
	const { ticket, swap, stopped } = sign;
	let upstream: Response;
	let text: string;
	try {
		const headers = Object.fromEntries(
			Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(':') && name !== 'host' && !UNDONE.includes(name)),
		);
		// Held here until the Frontend API's budget lets it go: Clerk sees the requests spaced.
		await swap.gate(stopped.signal);
		stopped.signal.throwIfAborted();
		// Sent from Node: the page's own request, stand-in and all, is what a trace records.
		// Within the sign-in's deadline, body and all: a Clerk that hangs fails the route, not the run.
		// The ticket is URL-safe (a JWT); encoded all the same, as a form field is.
		upstream = await fetch(request.url(), {
			method: 'POST',
			headers,
			body: body.replace(standIn, encodeURIComponent(ticket)),
			redirect: 'manual',
			signal: AbortSignal.any([AbortSignal.timeout(Math.max(1, swap.ms)), stopped.signal]),
		});
		text = await upstream.text();
	} catch {
		return quietly(route.abort('failed'));
	}
	swap.answered(upstream.status);
	const answer: Record<string, string> = {};
	upstream.headers.forEach((value, name) => {
		if (!UNDONE.includes(name)) answer[name] = value;
	});
	const cookies = upstream.headers.getSetCookie();
	if (cookies.length) answer['set-cookie'] = cookies.join('\n');
	return quietly(route.fulfill({ status: upstream.status, headers: answer, body: text }));
}

// Playwright's hands in the page.
function driverFor(page: Page): Driver {
	return {
		async loaded(ms) {
			await page
				.waitForFunction(() => (globalThis as { Clerk?: { loaded?: boolean } }).Clerk?.loaded === true, undefined, { timeout: Math.max(1, ms) })
				.catch(() => undefined);
			return page.evaluate(readClerk);
		},
		redeem: (args) => page.evaluate(redeem, args),
		async swap(standIn, ticket, swap) {
			const live = await routeOf(page);
			const stopped = new AbortController();
			live.set(standIn, { ticket, swap, stopped });
			// Stopped at the sign-in's end, so nothing signs the page in after signInAs has said it did
			// not; the stand-in is then unknown to the route, which aborts any request still carrying it.
			return async () => {
				stopped.abort();
				live.delete(standIn);
			};
		},
	};
}
