import * as v from 'valibot';
import type { Assert, Equal } from '../lib/equal.ts';
import { idIssue } from './ids.ts';

/** What `signInTokensRevoke` takes: the ID of the sign-in token. */
export interface RevokeSignInTokenRequest {
	/** The token's `id` (`sit_…`), not its ticket (`token`) and not its user's ID. */
	signInTokenId: string;
}

// Characters that could change which resource the path names: separators, dot segments (RFC 3986
// §5.2.4), query and fragment starters and escapes (whitespace and control characters are refused
// for every ID, by idIssue).
const PATH_HOSTILE = /[/\\?#%]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Every ID rule, then the mix-up seen in public code and what a path cannot carry.
function misuse(id: unknown): string | undefined {
	const issue = idIssue(id, "the token's `id` (sit_…)");
	if (issue !== undefined || typeof id !== 'string') return issue;
	if (id.startsWith('user_')) return "is a user ID; pass the sign-in token's `id` (sit_…)";
	if (id === '.' || id === '..' || PATH_HOSTILE.test(id)) return 'must not be a dot segment or contain /, \\, ?, # or %';
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
		signInTokenId: v.custom<string>(
			(id) => misuse(id) === undefined,
			(issue) => misuse(issue.input) ?? '',
		),
	},
	// `revokeSignInToken(id)` is @clerk/backend's shape: say what ours takes.
	"must be an object: { signInTokenId: 'sit_…' }, not the ID alone",
);

type _Tied = Assert<Equal<v.InferOutput<typeof RevokeSignInTokenRequestSchema>, RevokeSignInTokenRequest>>;
