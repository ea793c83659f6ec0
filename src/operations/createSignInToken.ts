// What `signInTokensCreate` sends and expects, as data for the pipeline (spec:
// spec/clerk-bapi-sign-in-tokens.yml, operationId CreateSignInToken).
import { RETRY_UNPROCESSED } from '../pipeline/retry.ts';
import { CreateSignInTokenRequestSchema } from '../models/createSignInTokenRequest.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import { SIGN_IN_TOKEN_FIELDS, SignInTokenSchema, toSignInToken } from '../models/signInToken.ts';
import type { SignInToken } from '../models/signInToken.ts';
import type { Operation } from '../pipeline/types.ts';

/**
 * `POST /sign_in_tokens` (spec operationId CreateSignInToken): 200 → `SignInToken`; 403, 404, 422
 * and any other status → `ClerkAPIError`.
 *
 * Not idempotent, and Clerk has no idempotency key: a retry could mint a second live token, so it
 * is retried only when the request provably was not processed.
 */
export const createSignInToken: Operation<CreateSignInTokenRequest, SignInToken> = {
	name: 'signInTokensCreate',
	method: 'POST',
	path: '/sign_in_tokens',
	input: CreateSignInTokenRequestSchema,
	// Only what the caller set is sent (JSON drops the undefined): the 30-day default is Clerk's.
	body: ({ userId, expiresInSeconds, orgId }) => ({ user_id: userId, expires_in_seconds: expiresInSeconds, org_id: orgId }),
	output: SignInTokenSchema,
	value: toSignInToken,
	fields: SIGN_IN_TOKEN_FIELDS,
	retry: RETRY_UNPROCESSED,
};
