import * as v from 'valibot';
import { typed } from '../lib/checks.ts';
import type { Assert, Equal } from '../lib/equal.ts';

/** A sign-in token's status; an unknown future status is passed through as its string. */
export type SignInTokenStatus = 'pending' | 'accepted' | 'revoked' | (string & {});

/**
 * A one-time sign-in token. `token` is the ticket (a JWT) and `url` the link that consumes it;
 * `createdAt` and `updatedAt` are Unix timestamps in milliseconds, as Clerk sends them.
 */
export interface SignInToken {
	/** Always `sign_in_token`. */
	object: 'sign_in_token';
	/** The token's id (`sit_…`): what revoke takes. */
	id: string;
	/** `pending` until used (`accepted`) or revoked (`revoked`); an unknown future status passes through. */
	status: SignInTokenStatus;
	/** The user the ticket signs in. */
	userId: string;
	/** The ticket: a JWT that signs the user in once. Absent once it can no longer be used. */
	token?: string | undefined;
	/** Clerk's hosted link that consumes the ticket. */
	url?: string | null | undefined;
	/** When it was created, in ms since the epoch. */
	createdAt: number;
	/** When it last changed status, in ms since the epoch. */
	updatedAt: number;
}

// int64 in the spec: a value that is not a safe integer (1e400 parses as Infinity) is not one.
const timestamp = typed<number>('number', Number.isSafeInteger, 'must be a whole number of ms');
const text = v.custom<string>((s) => typeof s === 'string', 'must be a string');

/**
 * The wire shape of `components.schemas.SignInToken` (spec, API version 2026-05-12). Inbound only,
 * and forgiving of additions: unknown keys are dropped and any `status` string passes, so a new
 * server field or status never turns a success into an error.
 *
 * @internal
 */
export const SignInTokenSchema = v.object({
	object: v.custom<'sign_in_token'>((s) => s === 'sign_in_token', 'must be "sign_in_token"'),
	id: text,
	status: text,
	user_id: text,
	token: v.optional(text),
	url: v.optional(v.custom<string | null>((s) => s === null || typeof s === 'string', 'must be a string or null')),
	created_at: timestamp,
	updated_at: timestamp,
});

/**
 * The wire fields the model knows: what a 2xx body has beyond them is handed back as
 * `response.extra`.
 *
 * @internal
 */
export const SIGN_IN_TOKEN_FIELDS: readonly string[] = Object.keys(SignInTokenSchema.entries);

/**
 * A checked wire token as the model, camelCased. (A function, not a valibot transform: with no
 * `pipe` and `transform` left, a bundle carries neither.)
 *
 * @param wire The body, as `SignInTokenSchema` checked it.
 * @param wire.user_id The user's ID.
 * @param wire.created_at When it was created, in ms.
 * @param wire.updated_at When it last changed, in ms.
 * @param wire.status Its status.
 * @returns The token.
 * @internal
 */
export const toSignInToken = ({ user_id, created_at, updated_at, status, ...rest }: v.InferOutput<typeof SignInTokenSchema>) => ({
	...rest,
	status: status as SignInTokenStatus,
	userId: user_id,
	createdAt: created_at,
	updatedAt: updated_at,
});

type _Tied = Assert<Equal<ReturnType<typeof toSignInToken>, SignInToken>>;
