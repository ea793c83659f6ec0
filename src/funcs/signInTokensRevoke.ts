import type { ClerkCore, RequestOptions } from '../core.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { RevokeSignInTokenRequestSchema } from '../models/revokeSignInTokenRequest.ts';
import type { RevokeSignInTokenRequest } from '../models/revokeSignInTokenRequest.ts';
import { SignInTokenSchema } from '../models/signInToken.ts';
import type { SignInToken } from '../models/signInToken.ts';
import { send } from '../pipeline/send.ts';
import type { Operation } from '../pipeline/send.ts';
import type { ApiResult } from '../result.ts';

/** Every error `signInTokensRevoke` can return; `switch (error.kind)` over it is exhaustive. */
export type SignInTokensRevokeError = OperationError;

/**
 * `POST /sign_in_tokens/{sign_in_token_id}/revoke` (spec operationId RevokeSignInToken), no body:
 * 200 → `SignInToken`; 400 (not pending), 404 and any other status → `ClerkAPIError`.
 *
 * Repeating it is harmless, so 429, the transient 5xx and every network failure are retried. A
 * repeat whose first attempt landed answers 400: the token is no longer pending.
 */
const revokeSignInToken: Operation<RevokeSignInTokenRequest, SignInToken> = {
	name: 'signInTokensRevoke',
	method: 'POST',
	path: '/sign_in_tokens/{sign_in_token_id}/revoke',
	params: ({ signInTokenId }) => ({ sign_in_token_id: signInTokenId }),
	input: RevokeSignInTokenRequestSchema,
	output: SignInTokenSchema,
	retry: { limit: 2, statusCodes: [429, 500, 502, 503, 504], networkErrors: 'any', maxRetryAfter: 60_000, backoffLimit: 5_000, jitter: true },
	// Clerk states a refused token's status only in prose (its error catalogue:
	// "Sign in token cannot be revoked because its status is <status>."); lift it into data.
	explain: (errors) => {
		const refused = errors.find((e) => e.code === 'sign_in_token_cannot_be_revoked_code');
		const status = /because its status is (\w+)/.exec(refused?.longMessage ?? '')?.[1];
		return status ? { signInTokenStatus: status } : {};
	},
};

/**
 * Revokes a pending sign-in token, so its ticket can no longer sign anyone in. Revoking a token
 * that is no longer pending is a `ClerkAPIError` with status 400 whose `signInTokenStatus` says
 * what it is now (`"revoked"`, `"accepted"`).
 *
 * @param core The configured core.
 * @param request The token's `id` (`sit_…`) — not its ticket, not its user's ID.
 * @param options Per-call `signal`, `timeoutMs`, `retry` and `headers`.
 * @returns The revoked token with its `HttpMeta`, or a typed error; it never rejects.
 *
 * @example
 * ```ts
 * const res = await signInTokensRevoke(clerk, { signInTokenId: 'sit_123' });
 * const gone = res.ok || (res.error.kind === 'api' && res.error.signInTokenStatus === 'revoked');
 * ```
 */
export function signInTokensRevoke(
	core: ClerkCore,
	request: RevokeSignInTokenRequest,
	options?: RequestOptions,
): Promise<ApiResult<SignInToken, SignInTokensRevokeError>> {
	return send(core, revokeSignInToken, request, options);
}
