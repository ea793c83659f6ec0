import * as v from 'valibot';
import { IdSchema } from './ids.ts';

// Characters that could change which resource the path names: separators, dot segments (RFC 3986
// §5.2.4), query and fragment starters, escapes, and whitespace or control characters.
const PATH_HOSTILE = /[/\\?#%\s\p{Cc}]/u;

/**
 * The input of `signInTokensRevoke`, mapped to the percent-encoded path segment of the token.
 */
export const RevokeSignInTokenRequestSchema = v.pipe(
	v.object(
		{
			signInTokenId: v.pipe(
				IdSchema,
				v.check((id) => id !== '.' && id !== '..', 'must not be a dot segment'),
				v.check((id) => !PATH_HOSTILE.test(id), 'must not contain /, \\, ?, #, %, whitespace or control characters'),
			),
		},
		'must be an object',
	),
	v.transform(({ signInTokenId }) => encodeURIComponent(signInTokenId)),
);

/** What `signInTokensRevoke` takes: the ID of the sign-in token (`sit_…`). */
export type RevokeSignInTokenRequest = v.InferInput<typeof RevokeSignInTokenRequestSchema>;
