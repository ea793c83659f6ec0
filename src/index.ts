// The package root: every public name, listed. Subpath entries (`/core`, `/funcs/*`, …) hold the
// same code; bundlers shake this root as well as them.
export { ClerkCore } from './lib/config.ts';
export type { ClerkCoreConfig, SecretKeySource } from './lib/config.ts';
export type { FetchLike, RequestOptions } from './lib/options.ts';
export type { RetryOption, RetryPolicy } from './lib/retry.ts';
export { signInTokensCreate } from './funcs/signInTokensCreate.ts';
export type { SignInTokensCreateError } from './funcs/signInTokensCreate.ts';
export { signInTokensRevoke } from './funcs/signInTokensRevoke.ts';
export type { SignInTokensRevokeError } from './funcs/signInTokensRevoke.ts';
export { andThen, err, map, mapErr, match, ok, unwrap, unwrapOr } from './lib/result.ts';
export type { ApiResult, Err, Handlers, HttpMeta, Ok, Result } from './lib/result.ts';
export {
	AbortedError,
	ClerkAPIError,
	ConnectionError,
	InvalidRequestError,
	ResponseValidationError,
	SdkError,
	SecretKeyError,
	TimeoutError,
	UnexpectedError,
	isSdkError,
} from './lib/errors/index.ts';
export type { ClerkAPIErrorInit, ClerkErrorDetail, InputIssue, OperationError } from './lib/errors/index.ts';
export { SignInTokenSchema, CreateSignInTokenRequestSchema, RevokeSignInTokenRequestSchema } from './models/index.ts';
export type {
	CreateSignInTokenRequest,
	RevokeSignInTokenRequest,
	SignInToken,
	SignInTokenStatus,
} from './models/index.ts';
