import * as v from 'valibot';

/** A sign-in token's status; an unknown future status is passed through as its string. */
export type SignInTokenStatus = 'pending' | 'accepted' | 'revoked' | (string & {});

/**
 * The wire shape of `components.schemas.SignInToken` (spec, API version 2026-05-12), mapped to
 * camelCase. Inbound only, and forgiving of additions: unknown keys are dropped and any `status`
 * string passes, so a new server field or status never turns a success into an error.
 */
export const SignInTokenSchema = v.pipe(
	v.object({
		object: v.literal('sign_in_token'),
		id: v.string(),
		status: v.string(),
		user_id: v.string(),
		token: v.optional(v.string()),
		url: v.optional(v.nullable(v.string())),
		created_at: v.number(),
		updated_at: v.number(),
	}),
	v.transform(({ user_id, created_at, updated_at, status, ...rest }) => ({
		...rest,
		status: status as SignInTokenStatus,
		userId: user_id,
		createdAt: created_at,
		updatedAt: updated_at,
	})),
);

/**
 * A one-time sign-in token. `token` is the ticket (a JWT) and `url` the link that consumes it;
 * `createdAt` and `updatedAt` are Unix timestamps in milliseconds, as Clerk sends them.
 */
export type SignInToken = v.InferOutput<typeof SignInTokenSchema>;
