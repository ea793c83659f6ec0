// The `clerk-sign-in-tokens/cypress` entry: `cy.signInAs({ userId, orgId? })`, the Playwright
// fixture's contract in Cypress. It runs in the browser: the ticket is minted in Node by the tasks
// of `clerk-sign-in-tokens/cypress/tasks` (`cy.task`, not logged), the app's page signs in with a
// stand-in, and an intercept swaps the ticket into the sign-in request on its way to Clerk — so the
// app's window, its URL and history, its console and Cypress's command log never hold it.
// Cypress is an optional peer: typed here by the few calls made, not imported.
import { SLOT_WAIT_MS, SignInAsError, TASKS, classify, signedIn, standIn as freshStandIn, unrevoked } from '../e2e/errors.ts';
import type { MintAnswer, SignInAsRequest, SignInAsResult } from '../e2e/errors.ts';
import { readClerk, redeem } from '../e2e/page.ts';
import type { PageClerk } from '../e2e/page.ts';
import { err, ok } from '../result.ts';

export { SignInAsError } from '../e2e/errors.ts';
export type { SignInAsFailure, SignInAsRequest, SignInAsResult, SignedIn } from '../e2e/errors.ts';

declare global {
	// Cypress's own namespace, merged: `cy.signInAs` is typed wherever Cypress's types are.
	// eslint-disable-next-line @typescript-eslint/no-namespace
	namespace Cypress {
		// Cypress declares its Chainable so, and a merge must match it.
		// biome-ignore lint/suspicious/noExplicitAny: as Cypress declares it
		// eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
		interface Chainable<Subject = any> {
			/**
			 * Signs a test user in inside the app's page (`addClerkCommands` adds it): yields the session,
			 * or why not, as a `SignInAsResult`; never fails the test by itself.
			 */
			signInAs(request: SignInAsRequest): Chainable<SignInAsResult>;
		}
	}
}

/** The few Cypress calls the command makes, as Cypress's globals have them. */
export interface CypressLike {
	/** Where custom commands are added. */
	Commands: { add(name: string, command: (request: SignInAsRequest) => unknown): void };
}

/** A chain of Cypress commands, as the command uses them. */
export interface ChainLike {
	/** Runs `callback` with the chain's subject, waiting up to `options.timeout` for what it returns. */
	then<R>(options: { timeout: number }, callback: (value: never) => R): ChainLike;
}

/** Cypress's `cy`, as the command uses it. */
export interface CyLike {
	/** The page's `window`. */
	window(options: { log: false }): ChainLike;
	/** Runs a task of `setupNodeEvents` in Node. */
	task(name: string, arg: unknown, options: { log: false; timeout: number }): ChainLike;
	/** Catches the page's requests that match, to change them on their way out. */
	intercept(matcher: { method: string; url: RegExp }, handler: (request: InterceptedLike) => void): ChainLike;
	/** A chain whose subject is `value`. */
	wrap<T>(value: T, options: { log: false }): ChainLike;
}

/** An intercepted request, as the command swaps its ticket. */
export interface InterceptedLike {
	/** The request's body, which the handler may replace. */
	body: unknown;
	/** Calls `callback` with the answer, once it comes. */
	on(event: 'response', callback: (response: { statusCode: number }) => void): void;
	/** Ends the request with a network error: it never reaches the server. */
	destroy(): void;
}

/** Options of `addClerkCommands`. */
export interface ClerkCommandOptions {
	/** How long to wait for the page's Clerk, and for its sign-in, in ms; default 30,000. */
	timeoutMs?: number | undefined;
}

/**
 * Adds `cy.signInAs({ userId, orgId? })`, which yields a `SignInAsResult` (never fails the test by
 * itself), and an `afterEach` that revokes every ticket the test minted and did not see redeemed
 * (failing the test, naming the tokens, when one cannot be). Call it from the support file, with
 * `clerkTasks(on)` in `setupNodeEvents`.
 *
 * @param options The deadline.
 * @param globals Cypress's globals, for a test of the command itself; default the real ones.
 * @param globals.Cypress Cypress's `Cypress` (its `Commands`).
 * @param globals.cy Cypress's `cy` (its `task` and `window`).
 * @param globals.afterEach Mocha's `afterEach`.
 * @throws {TypeError} When Cypress is not there (the support file runs outside Cypress).
 *
 * @example
 * ```ts
 * // cypress/support/e2e.ts
 * addClerkCommands();
 * // a spec
 * cy.visit('/');
 * cy.signInAs({ userId: 'user_e2e' }).its('ok').should('eq', true);
 * ```
 */
export function addClerkCommands(
	options: ClerkCommandOptions = {},
	globals: { Cypress: CypressLike; cy: CyLike; afterEach: (hook: () => unknown) => void } = globalThis as never,
): void {
	const { Cypress, cy, afterEach } = globals;
	if (typeof Cypress?.Commands?.add !== 'function' || typeof afterEach !== 'function')
		throw new TypeError('addClerkCommands: call it from a Cypress support file');
	const timeoutMs = options.timeoutMs ?? 30_000;
	if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new TypeError('addClerkCommands: options.timeoutMs must be a whole number of ms, at least 1');
	const redeemed: string[] = [];
	Cypress.Commands.add('signInAs', (request) => signInAs(cy, request, timeoutMs, redeemed));
	afterEach(() =>
		cy.task(TASKS.end, { redeemed: redeemed.splice(0) }, { log: false, timeout: timeoutMs * 4 }).then({ timeout: timeoutMs }, (failures: never) => {
			if ((failures as string[]).length) throw unrevoked(failures);
		}),
	);
}

const failure = (kind: ConstructorParameters<typeof SignInAsError>[0], message: string, signInTokenId?: string): SignInAsResult =>
	err(new SignInAsError(kind, message, signInTokenId ? { signInTokenId } : {}));

// The command: the page's Clerk first (no ticket is minted for a page that cannot use it), then the
// mint, the swap and the redemption, each failure yielded as the fixture types it.
function signInAs(cy: CyLike, request: SignInAsRequest, timeoutMs: number, redeemed: string[]): ChainLike {
	const organization = request?.orgId ?? null;
	return (
		cy
			.window({ log: false })
			// A `.then` waits for its promise only `defaultCommandTimeout` (4 s) unless told: each is told
			// its step's deadline, with a second to spare for the step to say so itself.
			.then({ timeout: timeoutMs + 1000 }, (win: never) => loaded(win, timeoutMs))
			.then({ timeout: timeoutMs }, (clerk: never) => {
				const page = clerk as PageClerk;
				if (!page.loaded)
					return failure('clerk-not-loaded', `the page's window.Clerk had not loaded within ${timeoutMs} ms (load clerk-js and call Clerk.load() first)`);
				if (page.sessionId !== null)
					return failure('session-exists', `the page is signed in already (as ${page.userId}): sign out first, or visit a fresh page`);
				return (
					cy
						// The mint waits for the Frontend API's slot first: as long as the machine's queue, at most SLOT_WAIT_MS.
						.task(
							TASKS.mint,
							{ userId: request?.userId, orgId: organization, frontendApi: page.frontendApi },
							{ log: false, timeout: SLOT_WAIT_MS + timeoutMs },
						)
						.then({ timeout: timeoutMs }, (answer: never) => redeemMinted(cy, answer as MintAnswer, organization, redeemed, timeoutMs))
				);
			})
	);
}

function redeemMinted(cy: CyLike, answer: MintAnswer, organization: string | null, redeemed: string[], timeoutMs: number): ChainLike | SignInAsResult {
	if (!answer.ok) return failure(answer.kind as never, answer.message.replace(/^signInAs: /, ''), answer.signInTokenId ?? undefined);
	const { id, ticket } = answer;
	const standIn = freshStandIn();
	// Until the command yields: a request the page sends with the stand-in after that (its sign-in
	// ended at the deadline) is destroyed, so it neither signs the page in after the command said it
	// did not nor spends a slot of the Frontend API's limit.
	let live = true;
	cy.intercept({ method: 'POST', url: /\/v1\/client\/sign_ins(?:\?|$)/ }, (intercepted) => {
		if (typeof intercepted.body !== 'string' || !intercepted.body.includes(standIn)) return;
		if (!live) return intercepted.destroy();
		intercepted.body = intercepted.body.replace(standIn, encodeURIComponent(ticket));
		intercepted.on('response', ({ statusCode }) => {
			if (statusCode >= 200 && statusCode < 300) redeemed.push(id);
		});
	});
	return cy
		.window({ log: false })
		.then({ timeout: timeoutMs + 1000 }, (win: never) => redeemWithin(win, standIn, organization, timeoutMs))
		.then({ timeout: timeoutMs }, (outcome: never) => {
			live = false;
			if (outcome === DEADLINE) return failure('timeout', `the page did not sign in within ${timeoutMs} ms`, id);
			const result = outcome as Awaited<ReturnType<typeof redeem>>;
			return result.ok ? ok(signedIn(result, id)) : err(classify(result, organization, id));
		});
}

const DEADLINE = 'deadline';

// The page's redemption, raced against the deadline, so the command fails typed, not by Cypress's timeout.
function redeemWithin(win: unknown, standIn: string, organization: string | null, ms: number): Promise<Awaited<ReturnType<typeof redeem>> | typeof DEADLINE> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([
		redeem({ ticket: standIn, organization }, win),
		new Promise<typeof DEADLINE>((resolve) => (timer = setTimeout(resolve, ms, DEADLINE))),
	]).finally(() => clearTimeout(timer));
}

// Waits for the app's Clerk to load, at most `ms`, by its `loaded` flag (checked on each frame).
function loaded(win: unknown, ms: number): Promise<PageClerk> {
	const until = Date.now() + ms;
	return new Promise((resolve) => {
		const check = () => {
			const state = readClerk(win);
			if (state.loaded || Date.now() >= until) resolve(state);
			else setTimeout(check, 50);
		};
		check();
	});
}
