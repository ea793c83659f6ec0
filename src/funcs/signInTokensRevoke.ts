import type { ClerkCore } from '../lib/config.ts';
import type { OperationError } from '../lib/errors/OperationError.ts';
import type { RequestOptions } from '../lib/options.ts';
import { send } from '../lib/request.ts';
import type { Operation } from '../lib/request.ts';
import type { ApiResult } from '../lib/result.ts';
import { retryTransient } from '../lib/retry.ts';
import { RevokeSignInTokenRequestSchema } from '../models/revokeSignInTokenRequest.ts';
import type { RevokeSignInTokenRequest } from '../models/revokeSignInTokenRequest.ts';
import { SignInTokenSchema } from '../models/signInToken.ts';
import type { SignInToken } from '../models/signInToken.ts';

/** Every error `signInTokensRevoke` can return; `switch (error.kind)` over it is exhaustive. */
export type SignInTokensRevokeError = OperationError;

// POST /sign_in_tokens/{sign_in_token_id}/revoke (spec operationId RevokeSignInToken), no body:
// 200 → SignInToken; 400 (not pending), 404 and any other status → ClerkAPIError.
const revokeSignInToken: Operation<string, SignInToken> = {
	input: RevokeSignInTokenRequestSchema,
	describe: (id: string) => ({ path: `sign_in_tokens/${id}/revoke` }),
	output: SignInTokenSchema,
	retry: retryTransient,
};

/**
 * Revokes a pending sign-in token, so its ticket can no longer sign anyone in. Revoking a token
 * that is not pending (already revoked or accepted) is a `ClerkAPIError` with status 400.
 *
 * @param core The configured core.
 * @param request The token's ID (`sit_…`).
 * @param options Per-call `signal`, `timeoutMs`, `retry` and `headers`.
 * @returns The revoked token with its `HttpMeta`, or a typed error; it never rejects.
 *
 * @example
 * ```ts
 * const res = await signInTokensRevoke(clerk, { signInTokenId: 'sit_123' });
 * if (res.ok) console.log(res.value.status); // "revoked"
 * ```
 */
export function signInTokensRevoke(
	core: ClerkCore,
	request: RevokeSignInTokenRequest,
	options?: RequestOptions,
): Promise<ApiResult<SignInToken, SignInTokensRevokeError>> {
	return send(core, revokeSignInToken, request, options);
}
