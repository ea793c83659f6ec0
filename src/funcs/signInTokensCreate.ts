import type { ClerkCore, RequestOptions } from '../core.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { CreateSignInTokenRequestSchema } from '../models/createSignInTokenRequest.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import { SignInTokenSchema } from '../models/signInToken.ts';
import type { SignInToken } from '../models/signInToken.ts';
import { send } from '../pipeline/send.ts';
import type { Operation } from '../pipeline/send.ts';
import type { ApiResult } from '../result.ts';

/** Every error `signInTokensCreate` can return; `switch (error.kind)` over it is exhaustive. */
export type SignInTokensCreateError = OperationError;

/**
 * `POST /sign_in_tokens` (spec operationId CreateSignInToken): 200 → `SignInToken`; 403, 404, 422
 * and any other status → `ClerkAPIError`.
 *
 * Not idempotent, and Clerk has no idempotency key: it is retried only when the request provably
 * was not processed — 429 (refused before processing), 503 (not served) and a connection that
 * never opened. A 500/502/504, a timeout or a reset may have minted a token, and a retry could
 * mint a second live one.
 */
const createSignInToken: Operation<CreateSignInTokenRequest, SignInToken> = {
	name: 'signInTokensCreate',
	method: 'POST',
	path: '/sign_in_tokens',
	input: CreateSignInTokenRequestSchema,
	// Only what the caller set is sent (JSON drops the undefined): the 30-day default is Clerk's.
	body: ({ userId, expiresInSeconds, orgId }) => ({ user_id: userId, expires_in_seconds: expiresInSeconds, org_id: orgId }),
	output: SignInTokenSchema,
	retry: { limit: 2, statusCodes: [429, 503], networkErrors: 'unsent', maxRetryAfter: 60_000, backoffLimit: 5_000, jitter: true },
};

/**
 * Creates a new sign-in token and associates it with the given user. By default, sign-in tokens
 * expire in 30 days; `expiresInSeconds` sets another lifetime. The token is a one-time ticket:
 * its `url` signs the user in without credentials.
 *
 * @param core The configured core.
 * @param request The user, and optionally `expiresInSeconds` and `orgId`.
 * @param options Per-call `signal`, `timeoutMs`, `retry` and `headers`.
 * @returns The token with its `HttpMeta`, or a typed error; it never rejects.
 *
 * @example
 * ```ts
 * const res = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 3600 });
 * if (res.ok) console.log(res.value.url);
 * else console.error(res.error.kind, res.error.message);
 * ```
 */
export function signInTokensCreate(
	core: ClerkCore,
	request: CreateSignInTokenRequest,
	options?: RequestOptions,
): Promise<ApiResult<SignInToken, SignInTokensCreateError>> {
	return send(core, createSignInToken, request, options);
}
