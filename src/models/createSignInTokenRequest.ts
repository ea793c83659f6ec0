import * as v from 'valibot';
import { IdSchema } from './ids.ts';

/** Longest lifetime accepted: 10 years. Anything longer is a unit mistake, not a wish. */
export const MAX_EXPIRES_IN_SECONDS = 315_360_000;

/**
 * The input of `signInTokensCreate`, mapped to the wire body (`user_id`, `expires_in_seconds`,
 * `org_id`). Absent optionals stay absent, so the server's own default (30 days) applies.
 */
export const CreateSignInTokenRequestSchema = v.pipe(
	v.object(
		{
			userId: IdSchema,
			expiresInSeconds: v.optional(
				v.pipe(
					v.number('must be a number'),
					v.check((s) => Number.isInteger(s), 'must be an integer'),
					v.check((s) => s >= 1, 'must be at least 1'),
					v.check((s) => s <= MAX_EXPIRES_IN_SECONDS, `must be at most ${MAX_EXPIRES_IN_SECONDS} (10 years)`),
				),
			),
			orgId: v.optional(v.nullable(IdSchema)),
		},
		'must be an object',
	),
	v.transform(({ userId, expiresInSeconds, orgId }) => ({
		user_id: userId,
		...(expiresInSeconds === undefined ? {} : { expires_in_seconds: expiresInSeconds }),
		...(orgId === undefined ? {} : { org_id: orgId }),
	})),
);

/** What `signInTokensCreate` takes: the user, and optionally a lifetime and an organization. */
export type CreateSignInTokenRequest = v.InferInput<typeof CreateSignInTokenRequestSchema>;
