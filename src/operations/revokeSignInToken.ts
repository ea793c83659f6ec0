// What `signInTokensRevoke` sends and expects, as data for the pipeline (spec:
// spec/clerk-bapi-sign-in-tokens.yml, operationId RevokeSignInToken).
import { RETRY_TRANSIENT } from '../pipeline/retry.ts';
import { RevokeSignInTokenRequestSchema } from '../models/revokeSignInTokenRequest.ts';
import type { RevokeSignInTokenRequest } from '../models/revokeSignInTokenRequest.ts';
import { SIGN_IN_TOKEN_FIELDS, SignInTokenSchema, toSignInToken } from '../models/signInToken.ts';
import type { SignInToken } from '../models/signInToken.ts';
import type { Operation } from '../pipeline/types.ts';

/**
 * `POST /sign_in_tokens/{sign_in_token_id}/revoke` (spec operationId RevokeSignInToken), no body:
 * 200 → `SignInToken`; 400 (not pending), 404 and any other status → `ClerkAPIError`.
 *
 * Repeating it is harmless, so 429, the transient 5xx and every network failure are retried. A
 * repeat whose first attempt landed answers 400: the token is no longer pending.
 */
export const revokeSignInToken: Operation<RevokeSignInTokenRequest, SignInToken> = {
	name: 'signInTokensRevoke',
	method: 'POST',
	path: '/sign_in_tokens/{sign_in_token_id}/revoke',
	params: ({ signInTokenId }) => ({ sign_in_token_id: signInTokenId }),
	input: RevokeSignInTokenRequestSchema,
	output: SignInTokenSchema,
	value: toSignInToken,
	fields: SIGN_IN_TOKEN_FIELDS,
	retry: RETRY_TRANSIENT,
	// Clerk states a refused token's status only in prose (its error catalogue:
	// "Sign in token cannot be revoked because its status is <status>."); lift it into data.
	explain: (errors) => {
		const refused = errors.find((e) => e.code === 'sign_in_token_cannot_be_revoked_code');
		const status = /because its status is (\w+)/.exec(refused?.longMessage ?? '')?.[1];
		return status ? { signInTokenStatus: status } : {};
	},
};
