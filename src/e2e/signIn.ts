// Signing a test user in inside a page, shared by the Playwright fixture and the Cypress command:
// mint in Node (through the SDK, under the core's budget), redeem in the page with Clerk's own
// frontend under the Frontend API's budget, and keep the ledger of every ticket minted, so those
// never seen redeemed are revoked at the end. The ticket stays in Node: the page is handed a
// stand-in, and the runner swaps the ticket into the sign-in request on its way to Clerk
// (`Driver.swap`), so neither the page, its URL and history, its console, nor a trace of its
// requests ever holds it.
import { fileBudget } from '../budget/file.ts';
import { scopeOf } from '../lib/scope.ts';
import { ClerkCore } from '../core.ts';
import type { ClerkCoreConfig } from '../core.ts';
import { envKey } from '../lib/env.ts';
import { signInTokensCreate } from '../funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../funcs/signInTokensRevoke.ts';
import { CreateSignInTokenRequestSchema } from '../models/createSignInTokenRequest.ts';
import { validate } from '../lib/validate.ts';
import type { Budget } from '../pipeline/options.ts';
import type { BudgetOption, Call } from '../pipeline/types.ts';
import { err, ok } from '../result.ts';
import { SLOT_WAIT_MS, SignInAsError, classify, signedIn, standIn as freshStandIn } from './errors.ts';
import type { SignInAsFailure, SignInAsRequest, SignInAsResult } from './errors.ts';
import type { PageClerk, PageSignIn } from './page.ts';

/** What the runner does in and around the page (Playwright's page, Cypress's window). */
export interface Driver {
	/** Waits until the page's Clerk has loaded, at most `ms`; resolves to what the page then says. */
	loaded(ms: number): Promise<PageClerk>;
	/** Runs `redeem` of page.ts in the page. */
	redeem(args: { ticket: string; organization: string | null }): Promise<PageSignIn>;
	/**
	 * Swaps `ticket` for `standIn` in the next sign-in request the page sends to Clerk: once it is
	 * caught, awaits `swap.gate()` (the Frontend API's slot), sends it with Clerk's answer due within
	 * `swap.ms`, and calls `swap.answered` with Clerk's status. Resolves to a function that stops
	 * swapping.
	 */
	swap(standIn: string, ticket: string, swap: Swap): Promise<() => Promise<void>>;
}

/** What the driver's swap is given. */
interface Swap {
	/**
	 * Resolves when the request may go to Clerk: the Frontend API budget's slot is taken, or
	 * `signal` (the sign-in's end) aborted the wait.
	 */
	gate(signal: AbortSignal): Promise<void>;
	/** Told Clerk's status. */
	answered(status: number): void;
	/** How long Clerk's answer may take, body and all, in ms. */
	ms: number;
}

/** Options of the Playwright fixture (`clerkFixtures`) and the Cypress tasks (`clerkTasks`). */
export interface SignInOptions {
	/**
	 * The core that mints, or its config (`CLERK_SECRET_KEY` when it names no key). A config without
	 * a `budget` gets one shared by every process on this machine — every Playwright worker — through
	 * files (`fileBudget`): Clerk's 100 requests per 10 s (1000 for an `sk_live_` key). A core is
	 * used as it is, with its own budget (`redisBudget` for several machines).
	 */
	core?: ClerkCore | ClerkCoreConfig | undefined;
	/**
	 * The budget of sign-ins on Clerk's Frontend API, which allows about 5 per 10 s per IP: default a
	 * file budget of 5 per 10 s (with 2 s of margin: a sign-in leaves the page a moment after its slot)
	 * shared by every browser on this machine; `false` for none.
	 */
	frontendBudget?: Budget | false | undefined;
	/** The tickets' lifetime, in seconds; default 300 (a ticket is redeemed at once, or revoked). */
	expiresInSeconds?: number | undefined;
	/**
	 * The deadline of each step of a sign-in — Clerk's load in the page, the mint, the page's sign-in
	 * — in ms; default 30,000. The wait for the Frontend API's budget is the test's own timeout's.
	 */
	timeoutMs?: number | undefined;
}

/** Settings of the runners' sign-in. */
export interface SignInSettings {
	/** The core that mints (its budget gates every mint). */
	core: ClerkCore;
	/** The Frontend API's budget (sign-ins per runner IP), or `undefined` for none. */
	frontendBudget: Budget | undefined;
	/** The tickets' lifetime, in seconds. */
	expiresInSeconds: number;
	/** The deadline of one sign-in, from asking to an active session, in ms. */
	timeoutMs: number;
}

/** The tickets one test minted: those not seen redeemed are revoked when it ends. */
export interface Ledger {
	/** Token IDs minted, each with whether Clerk took its ticket. */
	minted: Map<string, boolean>;
}

const DEADLINE = Symbol('deadline');

/**
 * The settings a runner signs in with, from its options: made at once, so a config set up wrong
 * fails when the test file loads, not in a test.
 *
 * @param options The options.
 * @param name The function they were given to, for messages.
 * @returns The settings.
 * @throws {TypeError} When an option is malformed (a core config, as `new ClerkCore` would).
 */
export function settingsOf(options: SignInOptions, name: string): SignInSettings {
	const { core, frontendBudget, expiresInSeconds = 300, timeoutMs = 30_000 } = checked(options, name);
	return {
		core: core instanceof ClerkCore ? core : withBudget(core ?? {}),
		frontendBudget: frontendBudget === false ? undefined : (frontendBudget ?? fileBudget({ limit: 5, windowMs: 10_000, marginMs: 2000 })),
		expiresInSeconds,
		timeoutMs,
	};
}

function checked(options: SignInOptions, name: string): SignInOptions {
	const o = (typeof options === 'object' && options !== null ? options : undefined) as SignInOptions | undefined;
	if (!o) throw new TypeError(`${name}: options must be an object`);
	const unknown = Object.keys(o).find((key) => !['core', 'frontendBudget', 'expiresInSeconds', 'timeoutMs'].includes(key));
	if (unknown !== undefined) throw new TypeError(`${name}: options has an unknown option${/^\w{1,32}$/.test(unknown) ? ` "${unknown}"` : ''}`);
	const whole = (n: unknown, max: number) => n === undefined || (Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max);
	if (!whole(o.expiresInSeconds, 315_360_000)) throw new TypeError(`${name}: options.expiresInSeconds must be a whole number of seconds, at least 1`);
	if (!whole(o.timeoutMs, 2_147_483_647)) throw new TypeError(`${name}: options.timeoutMs must be a whole number of ms, at least 1`);
	if (o.frontendBudget !== undefined && o.frontendBudget !== false && (typeof o.frontendBudget !== 'object' || o.frontendBudget === null)) {
		throw new TypeError(`${name}: options.frontendBudget must be a budget (fileBudget(), redisBudget()…) or false`);
	}
	return o;
}

// A core from a config: with the machine's file budget at the key's limit when it names none.
function withBudget(config: ClerkCoreConfig): ClerkCore {
	if (config.budget !== undefined) return new ClerkCore(config);
	let key: unknown = config.secretKey;
	try {
		key ??= envKey();
	} catch {
		// An environment that cannot be read tells nothing: the lower limit applies.
	}
	const limit = typeof key === 'string' && key.startsWith('sk_live_') ? 1000 : 100;
	return new ClerkCore({ ...config, budget: fileBudget({ limit, windowMs: 10_000 }) });
}

/**
 * Signs a user in inside the page: the checks, the mint, the redemption, each failure typed.
 *
 * @param driver The runner's hands in the page.
 * @param settings The core, budgets and deadlines.
 * @param ledger The test's tickets.
 * @param request The user and organization.
 * @returns The user signed in, or why not; never rejects.
 */
export async function signIn(driver: Driver, settings: SignInSettings, ledger: Ledger, request: SignInAsRequest): Promise<SignInAsResult> {
	// Each step has the deadline: Clerk's load, the mint, the page's sign-in. The wait for the
	// Frontend API's budget does not count against it: with many workers it is long by design.
	let started = Date.now();
	const left = () => Math.max(0, settings.timeoutMs - (Date.now() - started));
	const step = () => {
		started = Date.now();
	};
	try {
		const checked = validate(CreateSignInTokenRequestSchema, request, 'request', false);
		if ('issues' in checked) return fail('invalid-request', checked.issues.map(({ path, message }) => `${path} ${message}`).join('; '));
		const { orgId } = request;
		const clerk = await driver.loaded(left());
		if (!clerk.loaded)
			return fail('clerk-not-loaded', `the page's window.Clerk had not loaded within ${settings.timeoutMs} ms (load clerk-js and call Clerk.load() first)`);
		if (clerk.sessionId !== null)
			return fail('session-exists', `the page is signed in already (as ${clerk.userId}): sign out first, or use a fresh browser context`);
		step();
		const minted = await mint(settings, ledger, request, left());
		if (!minted.ok) return minted;
		const { id, ticket: token } = minted.value;
		step();
		const outcome = await redeemWithin(driver, token, orgId ?? null, settings, clerk.frontendApi, (status) => {
			if (status >= 200 && status < 300) ledger.minted.set(id, true);
		});
		if (outcome === DEADLINE) return fail('timeout', `the page did not sign in within ${settings.timeoutMs} ms`, { signInTokenId: id });
		return outcome.ok ? ok(signedIn(outcome, id)) : err(classify(outcome, orgId ?? null, id));
	} catch (error) {
		// A runner that failed under us (a page that closed, a browser that crashed).
		return fail('sign-in-incomplete', `the page could not be driven: ${error instanceof Error ? error.message.slice(0, 300) : 'an error'}`);
	}
}

/**
 * Mints a ticket for a sign-in in a page and notes it in the ledger.
 *
 * @param settings The core.
 * @param ledger The test's tickets.
 * @param request The user and organization (already checked).
 * @param ms The mint's deadline.
 * @returns The token's ID and its ticket, or why there is none.
 */
async function mint(settings: SignInSettings, ledger: Ledger, request: SignInAsRequest, ms: number) {
	const { userId, orgId } = request;
	const minted = await signInTokensCreate(
		settings.core,
		{ userId, ...(orgId == null ? {} : { orgId }), expiresInSeconds: settings.expiresInSeconds },
		{ timeoutMs: Math.max(1, ms) },
	);
	if (!minted.ok) return fail('mint', `the Backend API did not create the sign-in token: ${minted.error.message}`, { cause: minted.error });
	const { id, token } = minted.value;
	ledger.minted.set(id, false);
	if (!token) return fail('mint', 'the Backend API answered with a token that carries no ticket', { signInTokenId: id });
	return ok({ id, ticket: token });
}

/**
 * For a runner that cannot hold the sign-in request while it waits (Cypress, whose intercepts run
 * in the browser): the Frontend API's slot first, then the mint, so a ticket is minted only when
 * its sign-in may go at once; a mint that took longer than a second (a core budget that made it
 * wait) takes a fresh slot, so the sign-in never trails its slot by more than the budget's margin.
 *
 * @param settings The core and budgets.
 * @param ledger The test's tickets.
 * @param request The user and organization (already checked).
 * @param frontendApi The page's Frontend API, whose budget the sign-in draws on.
 * @param ms The mint's deadline.
 * @returns The token's ID and its ticket, or why there is none.
 */
export async function slotThenMint(settings: SignInSettings, ledger: Ledger, request: SignInAsRequest, frontendApi: string, ms: number) {
	await takeFrontendSlot(settings.frontendBudget, frontendApi);
	const started = Date.now();
	const minted = await mint(settings, ledger, request, ms);
	if (minted.ok && Date.now() - started > STALE_SLOT_MS) await takeFrontendSlot(settings.frontendBudget, frontendApi);
	return minted;
}

// How long a slot may wait for its mint: well inside the Frontend API budget's 2 s margin.
const STALE_SLOT_MS = 1000;

const fail = (kind: SignInAsFailure, message: string, details?: ConstructorParameters<typeof SignInAsError>[2]) =>
	err(new SignInAsError(kind, message, details));

// The page's redemption, under a fresh stand-in, within the deadline. The sign-in request waits
// for the Frontend API's slot where it is caught, just before it goes to Clerk — so the budget
// spaces the requests Clerk sees, however long each took to leave the page — and that wait (as long
// as the machine's queue, at most SLOT_WAIT_MS) stops the deadline's clock until the slot is taken.
async function redeemWithin(
	driver: Driver,
	ticket: string,
	organization: string | null,
	settings: SignInSettings,
	frontendApi: string,
	answered: (status: number) => void,
) {
	const standIn = freshStandIn();
	let timer: ReturnType<typeof setTimeout> | undefined;
	let expire = (_: typeof DEADLINE) => {};
	const deadline = new Promise<typeof DEADLINE>((resolve) => (expire = resolve));
	const arm = (ms: number) => {
		clearTimeout(timer);
		timer = setTimeout(expire, ms, DEADLINE);
	};
	arm(settings.timeoutMs);
	const gate = async (signal: AbortSignal) => {
		arm(SLOT_WAIT_MS + settings.timeoutMs);
		await takeFrontendSlot(settings.frontendBudget, frontendApi, signal);
		arm(settings.timeoutMs);
	};
	const stop = await driver.swap(standIn, ticket, { gate, answered, ms: settings.timeoutMs });
	try {
		return await Promise.race([driver.redeem({ ticket: standIn, organization }), deadline]);
	} finally {
		clearTimeout(timer);
		await stop();
	}
}

/**
 * Takes one slot of the Frontend API's budget, scoped by the Frontend API's host (its limit is per
 * IP, and every browser of this runner shares the runner's). Never rejects: a budget that cannot
 * answer within SLOT_WAIT_MS lets the sign-in go; one whose wait `ended` aborts resolves then (the
 * caller, whose sign-in has ended, sends nothing).
 *
 * @param frontendBudget The budget, or `undefined` for none.
 * @param frontendApi The page's Frontend API.
 * @param ended The sign-in's end, if the caller may stop waiting before the slot.
 */
async function takeFrontendSlot(frontendBudget: Budget | undefined, frontendApi: string, ended?: AbortSignal): Promise<void> {
	if (!frontendBudget || ended?.aborted) return;
	const scope = await scopeOf(`frontend ${frontendApi}`);
	const signal = ended ? AbortSignal.any([AbortSignal.timeout(SLOT_WAIT_MS), ended]) : AbortSignal.timeout(SLOT_WAIT_MS);
	const call = { scope, signal, observe: undefined } as unknown as Call;
	// A budget that cannot answer by the deadline lets the sign-in go: Clerk's own 429 is then the
	// last word, as for any other call.
	await (frontendBudget as BudgetOption).take(call).catch(() => undefined);
}

/**
 * Revokes every ticket a test minted and did not see redeemed. A token Clerk says is already
 * revoked or used is done with.
 *
 * @param core The core that minted them.
 * @param ledger The test's tickets.
 * @returns One line per token that could not be revoked (its ID and why), empty when all are dead.
 */
export async function revokeUnredeemed(core: ClerkCore, ledger: Ledger): Promise<string[]> {
	const failures: string[] = [];
	for (const [id, redeemed] of ledger.minted) {
		if (redeemed) continue;
		const res = await signInTokensRevoke(core, { signInTokenId: id });
		const dead = res.ok || (res.error.kind === 'api' && (res.error.signInTokenStatus === 'revoked' || res.error.signInTokenStatus === 'accepted'));
		if (!dead) failures.push(`${id} (${res.error.kind}: ${res.error.message})`);
	}
	ledger.minted.clear();
	return failures;
}
