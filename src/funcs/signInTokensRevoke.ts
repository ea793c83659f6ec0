import type { ClerkCore, RequestOptions } from '../core.ts';
import type { OperationError } from '../errors/OperationError.ts';
import type { RevokeSignInTokenRequest } from '../models/revokeSignInTokenRequest.ts';
import type { SignInToken } from '../models/signInToken.ts';
import { revokeSignInToken } from '../operations/revokeSignInToken.ts';
import { send } from '../pipeline/send.ts';
import type { ApiResult } from '../result.ts';

/** Every error `signInTokensRevoke` can return; `switch (error.kind)` over it is exhaustive. */
export type SignInTokensRevokeError = OperationError;

/** What `signInTokensRevoke` resolves to: the token with its `HttpMeta`, or one of its errors. */
export type SignInTokensRevokeResult = ApiResult<SignInToken, SignInTokensRevokeError>;

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
export function signInTokensRevoke(core: ClerkCore, request: RevokeSignInTokenRequest, options?: RequestOptions): Promise<SignInTokensRevokeResult> {
	return send(core, revokeSignInToken, request, options);
}
