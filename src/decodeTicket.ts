// The `clerk-sign-in-tokens/decodeTicket` entry: what a ticket states, read without a network call.
import { InvalidRequestError } from './errors/InvalidRequestError.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

/** What a sign-in token's ticket states about itself. */
export interface TicketFacts {
	/** The sign-in token's ID (`sit_…`, the ticket's `sid`): what revoke takes. */
	signInTokenId: string;
	/** The Clerk instance that issued it (`ins_…`, the ticket's `iid`). */
	instanceId: string;
	/** When the ticket stops working, in ms since the epoch (its `exp`), like `SignInToken.createdAt`. */
	expiresAt: number;
	/** The lifetime it was issued with, in seconds (its `eis`), when it states one. */
	expiresInSeconds: number | undefined;
}

let utf8: TextDecoder | undefined;
const MAX_DATE_S = 8.64e12;
const CLERK_ID = /^[\w-]{1,256}$/;

/**
 * Reads the facts a sign-in token's ticket (`SignInToken.token`, a JWT) states: its token ID,
 * instance and expiry. There is no get or list endpoint for sign-in tokens, so this is how to learn
 * when a link dies.
 *
 * It does not verify the ticket's signature: use what it returns for display and scheduling,
 * never to decide who may sign in.
 *
 * @param ticket The ticket.
 * @returns The facts, or an `InvalidRequestError` for anything that is not a well-formed ticket.
 *
 * @example
 * ```ts
 * const facts = decodeTicket(token.token ?? '');
 * if (facts.ok) console.log(`expires ${new Date(facts.value.expiresAt).toISOString()}`);
 * ```
 */
export function decodeTicket(ticket: string): Result<TicketFacts, InvalidRequestError> {
	const refuse = (message: string) => err(new InvalidRequestError([{ path: 'ticket', message }]));
	const parts = typeof ticket === 'string' ? ticket.split('.') : [];
	if (parts.length !== 3 || !parts.every((part) => /^[\w-]+$/.test(part))) return refuse('is not a JWT (three base64url parts)');
	let claims: Record<string, unknown>;
	try {
		const base64 = (parts[1] ?? '').replaceAll('-', '+').replaceAll('_', '/');
		claims = JSON.parse((utf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))));
	} catch {
		return refuse('has a payload that is not base64url JSON');
	}
	const { st, sid, iid, exp, eis } = (typeof claims === 'object' && claims !== null ? claims : {}) as Record<string, unknown>;
	if (st !== 'sign_in_token') return refuse('is not a sign-in token ticket (its "st" is not "sign_in_token")');
	// Clerk's IDs are a prefix and base62 (`sit_2abc…`): anything else — an escape sequence for the
	// terminal it will be printed on, a bidi override — is not an ID, and is not handed on.
	if (typeof sid !== 'string' || sid === '') return refuse('has no sign-in token ID ("sid")');
	if (typeof iid !== 'string' || iid === '') return refuse('has no instance ID ("iid")');
	for (const [name, id] of [
		['sid', sid],
		['iid', iid],
	]) {
		if (!CLERK_ID.test(id as string)) return refuse(`has an "${name}" that is not a Clerk ID (letters, digits, _ and - only)`);
	}
	if (!Number.isSafeInteger(exp)) return refuse('has no expiry ("exp" in whole seconds)');
	// A Date holds ±8.64e15 ms (ECMA-262 §21.4.1.1): past that, `new Date(expiresAt)` is invalid.
	if (Math.abs(exp as number) > MAX_DATE_S) return refuse('has an expiry ("exp") beyond what a date can hold');
	if (eis !== undefined && !(Number.isSafeInteger(eis) && (eis as number) >= 0)) return refuse('has an "eis" that is not whole seconds');
	return ok({ signInTokenId: sid, instanceId: iid, expiresAt: (exp as number) * 1000, expiresInSeconds: eis as number | undefined });
}
