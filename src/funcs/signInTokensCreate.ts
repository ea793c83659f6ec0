import type { ClerkCore } from '../lib/config.ts';
import type { OperationError } from '../lib/errors/OperationError.ts';
import type { RequestOptions } from '../lib/options.ts';
import { send } from '../lib/request.ts';
import type { Operation } from '../lib/request.ts';
import type * as v from 'valibot';
import type { ApiResult } from '../lib/result.ts';
import { retryWhenUnprocessed } from '../lib/retry.ts';
import { CreateSignInTokenRequestSchema } from '../models/createSignInTokenRequest.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import { SignInTokenSchema } from '../models/signInToken.ts';
import type { SignInToken } from '../models/signInToken.ts';

/** Every error `signInTokensCreate` can return; `switch (error.kind)` over it is exhaustive. */
export type SignInTokensCreateError = OperationError;

// POST /sign_in_tokens (spec operationId CreateSignInToken): 200 → SignInToken; any other
// status (403, 404, 422, …) → ClerkAPIError. Not idempotent, so retried only when unprocessed.
const createSignInToken: Operation<v.InferOutput<typeof CreateSignInTokenRequestSchema>, SignInToken> = {
	input: CreateSignInTokenRequestSchema,
	describe: (body: v.InferOutput<typeof CreateSignInTokenRequestSchema>) => ({ path: 'sign_in_tokens', json: body }),
	output: SignInTokenSchema,
	retry: retryWhenUnprocessed,
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
