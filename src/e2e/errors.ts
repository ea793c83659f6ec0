// What a sign-in inside a page resolves to, and why one fails: shared by the Playwright fixture,
// the Cypress command (in the browser) and the Cypress tasks (in Node), so it imports nothing that
// runs only in one of them.
import type { SdkError } from '../errors/SdkError.ts';
import type { Result } from '../result.ts';
import type { PageSignIn } from './page.ts';

/** What `signInAs` signs in: a user, and the organization to make active with the session. */
export interface SignInAsRequest {
	/** The user (`user_…`). */
	userId: string;
	/** The organization to activate (`org_…`); the user must be a member. */
	orgId?: string | null | undefined;
}

/** The user signed in. */
export interface SignedIn {
	/** The user. */
	userId: string;
	/** The new session, active in the page. */
	sessionId: string;
	/** The active organization, or `null`. */
	organizationId: string | null;
	/** The sign-in token the ticket came from (`sit_…`); its ticket is spent. */
	signInTokenId: string;
}

/**
 * Why `signInAs` did not sign the user in:
 * - `invalid-request`: the request was malformed; nothing was minted or sent.
 * - `clerk-not-loaded`: the page's `window.Clerk` had not loaded within the deadline; nothing was minted.
 * - `session-exists`: the page is signed in already (Clerk's `session_exists`); sign out first, or use a fresh context.
 * - `mint`: the Backend API did not create the token; `cause` is the SDK's error.
 * - `ticket-refused`: Clerk refused the sign-in; `code` is Clerk's (`sign_in_token_revoked_code`, `ticket_expired_code`…).
 * - `organization-not-activated`: signed in, but the organization did not become active; `code` is Clerk's, if it said one.
 * - `sign-in-incomplete`: Clerk answered, but the session did not become active.
 * - `timeout`: the deadline passed while the page was signing in.
 */
export type SignInAsFailure =
	| 'invalid-request'
	| 'clerk-not-loaded'
	| 'session-exists'
	| 'mint'
	| 'ticket-refused'
	| 'organization-not-activated'
	| 'sign-in-incomplete'
	| 'timeout';

/** Why a user was not signed in; `kind` says which way (see `SignInAsFailure`). Its texts hold no ticket or key. */
export class SignInAsError extends Error {
	override readonly name = 'SignInAsError';
	/** Which way it failed. */
	declare readonly kind: SignInAsFailure;
	/** Clerk's error code, when Clerk gave one. */
	declare readonly code: string | undefined;
	/** The sign-in token minted for this attempt, if one was. */
	declare readonly signInTokenId: string | undefined;

	/**
	 * @param kind Which way it failed.
	 * @param message What happened, for a person.
	 * @param details Clerk's code, the token, and the SDK's error as `cause`.
	 * @param details.code Clerk's error code.
	 * @param details.signInTokenId The sign-in token minted for the attempt.
	 * @param details.cause The SDK's error, when the failure was the SDK's call.
	 */
	constructor(kind: SignInAsFailure, message: string, details: { code?: string | undefined; signInTokenId?: string | undefined; cause?: SdkError } = {}) {
		super(`signInAs: ${message}`, details.cause ? { cause: details.cause } : undefined);
		Object.assign(this, { kind, code: details.code, signInTokenId: details.signInTokenId });
	}
}

/** What `signInAs` resolves to; it never rejects. */
export type SignInAsResult = Result<SignedIn, SignInAsError>;

/**
 * What a failure in the page means, by the step it failed at and what Clerk said.
 *
 * @param outcome The page's failure.
 * @param organization The organization asked for, or `null`.
 * @param signInTokenId The token whose ticket the page redeemed.
 * @returns The error.
 */
export function classify(outcome: Extract<PageSignIn, { ok: false }>, organization: string | null, signInTokenId: string): SignInAsError {
	const details = { code: outcome.code, signInTokenId };
	if (outcome.code === 'session_exists') return new SignInAsError('session-exists', `Clerk says the page is signed in already: ${outcome.message}`, details);
	if (outcome.step === 'sign-in' && outcome.code !== undefined)
		return new SignInAsError('ticket-refused', `Clerk refused the ticket (${outcome.code}): ${outcome.message}`, details);
	if (outcome.step === 'set-active' && organization !== null) {
		return new SignInAsError(
			'organization-not-activated',
			`signed in, but ${organization} did not become the active organization${outcome.code ? ` (${outcome.code})` : ''}: ${outcome.message}`,
			details,
		);
	}
	return new SignInAsError(
		'sign-in-incomplete',
		`the session did not become active (${outcome.step}${outcome.status ? `: ${outcome.status}` : ''}): ${outcome.message}`,
		details,
	);
}

/**
 * The user signed in, from the page's word and the token's ID: exactly `SignedIn`'s fields.
 *
 * @param outcome What the page said.
 * @param signInTokenId The token whose ticket it spent.
 * @returns The value of a successful `signInAs`.
 */
export const signedIn = (outcome: Extract<PageSignIn, { ok: true }>, signInTokenId: string): SignedIn => ({
	userId: outcome.userId,
	sessionId: outcome.sessionId,
	organizationId: outcome.organizationId,
	signInTokenId,
});

/**
 * The error a test's end throws when some of its tickets are still live.
 *
 * @param failures What `revokeUnredeemed` returned.
 * @returns The error, naming every token.
 */
export const unrevoked = (failures: string[]): Error =>
	new Error(
		`clerk-sign-in-tokens: ${failures.length} sign-in token${failures.length === 1 ? '' : 's'} this test minted and did not see redeemed could not be revoked, and may still sign in: ${failures.join('; ')}`,
	);

/**
 * The longest wait for a slot of the Frontend API's budget: far past any queue of one machine's
 * workers (80 sign-ins at 5 per 10 s take under 3 minutes), short of hanging a run whose budget is
 * stuck. A budget still not answering then lets the sign-in go, and Clerk's 429 is the last word.
 */
export const SLOT_WAIT_MS = 10 * 60_000;

/** How every stand-in for a ticket begins: a route or intercept knows a sign-in request by it. */
export const STAND_IN = 'clerk_ticket_stand_in_';

/**
 * A fresh stand-in for a ticket, which the page signs in with and the runner swaps the ticket for.
 *
 * @returns The stand-in.
 */
export const standIn = (): string => `${STAND_IN}${crypto.randomUUID().replaceAll('-', '')}`;

/** The Cypress tasks' names, shared by the command (`…/cypress`) and the tasks (`…/cypress/tasks`). */
export const TASKS = { mint: 'clerk-sign-in-tokens:mint', end: 'clerk-sign-in-tokens:end' } as const;

/** What the mint task answers: the token and its ticket, or why not (the command makes it a `SignInAsError`). */
export type MintAnswer = { ok: true; id: string; ticket: string } | { ok: false; kind: string; message: string; signInTokenId: string | null };
