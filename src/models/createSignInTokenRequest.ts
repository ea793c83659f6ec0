import * as v from 'valibot';
import type { Assert, Equal } from '../lib/equal.ts';
import { typed } from '../lib/checks.ts';
import { idIssue, idSchema } from './ids.ts';

/** Longest lifetime accepted: 10 years. Anything longer is a unit mistake, not a wish. */
export const MAX_EXPIRES_IN_SECONDS = 315_360_000;

/** What `signInTokensCreate` takes: the user, and optionally a lifetime and an organization. */
export interface CreateSignInTokenRequest {
	/** The user the ticket signs in (`user_…`). */
	userId: string;
	/** Lifetime in seconds, 1 to 315,360,000; omitted, Clerk's default of 30 days applies. */
	expiresInSeconds?: number | undefined;
	/** The organization to activate on sign-in; the user must be a member. `null` is sent as `null`. */
	orgId?: string | null | undefined;
}

const ORG = "the organization's ID (org_…)";

/**
 * Checks a create request; the pipeline refuses unknown fields, so a typo (`expiresIn`) cannot go unseen.
 *
 * @internal
 */
export const CreateSignInTokenRequestSchema = v.object(
	{
		userId: idSchema("the user's ID (user_…)"),
		expiresInSeconds: v.optional(
			typed<number>(
				'number',
				(s) => Number.isInteger(s) && s >= 1 && s <= MAX_EXPIRES_IN_SECONDS,
				(s) => (Number.isInteger(s) ? `must be from 1 to ${MAX_EXPIRES_IN_SECONDS} (10 years)` : 'must be an integer'),
			),
		),
		orgId: v.optional(
			v.custom<string | null>(
				(id) => id === null || idIssue(id, ORG) === undefined,
				(issue) => idIssue(issue.input, ORG) ?? '',
			),
		),
	},
	"must be an object: { userId: 'user_…', expiresInSeconds?, orgId? }",
);

type _Tied = Assert<Equal<v.InferOutput<typeof CreateSignInTokenRequestSchema>, CreateSignInTokenRequest>>;
