import * as v from 'valibot';
import type { Assert, Equal } from '../lib/equal.ts';
import { IdSchema } from './ids.ts';

/** What `signInTokensRevoke` takes: the ID of the sign-in token. */
export interface RevokeSignInTokenRequest {
	/** The token's `id` (`sit_…`), not its ticket (`token`) and not its user's ID. */
	signInTokenId: string;
}

// Characters that could change which resource the path names: separators, dot segments (RFC 3986
// §5.2.4), query and fragment starters, escapes, and whitespace or control characters.
const PATH_HOSTILE = /[/\\?#%\s\p{Cc}]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// The two mix-ups seen in public code, named without quoting the value (a ticket is a live
// credential and must not land in a log).
function misuse(id: string): string | undefined {
	if (/^eyJ[\w-]*\.[\w-]*\./.test(id)) return "is a ticket (the token's `token`, a JWT); pass the token's `id` (sit_…)";
	if (id.startsWith('user_')) return "is a user ID; pass the sign-in token's `id` (sit_…)";
	if (id === '.' || id === '..' || PATH_HOSTILE.test(id)) return 'must not be a dot segment or contain /, \\, ?, #, %, whitespace or control characters';
	// A lone surrogate has no UTF-8 form, so it cannot be percent-encoded into a path.
	if (LONE_SURROGATE.test(id)) return 'must be well-formed text (it holds a lone surrogate)';
	return undefined;
}

/**
 * Checks a revoke request; the pipeline percent-encodes the ID into the path.
 *
 * @internal
 */
export const RevokeSignInTokenRequestSchema = v.object(
	{
		signInTokenId: v.pipe(
			IdSchema,
			v.check(
				(id) => misuse(id) === undefined,
				(issue) => misuse(issue.input) ?? '',
			),
		),
	},
	'must be an object',
);

type _Tied = Assert<Equal<v.InferOutput<typeof RevokeSignInTokenRequestSchema>, RevokeSignInTokenRequest>>;
