import type { ClerkCore, RequestOptions } from '../core.ts';
import type { OperationError } from '../errors/OperationError.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import type { SignInToken } from '../models/signInToken.ts';
import { createSignInToken } from '../operations/createSignInToken.ts';
import { send } from '../pipeline/send.ts';
import type { ApiResult } from '../result.ts';

/** Every error `signInTokensCreate` can return; `switch (error.kind)` over it is exhaustive. */
export type SignInTokensCreateError = OperationError;

/** What `signInTokensCreate` resolves to: the token with its `HttpMeta`, or one of its errors. */
export type SignInTokensCreateResult = ApiResult<SignInToken, SignInTokensCreateError>;

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
export function signInTokensCreate(core: ClerkCore, request: CreateSignInTokenRequest, options?: RequestOptions): Promise<SignInTokensCreateResult> {
	return send(core, createSignInToken, request, options);
}
