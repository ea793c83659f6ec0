// The package root: every public name, listed. Subpath entries (`/core`, `/funcs/*`, …) hold the
// same code; bundlers shake this root as well as them.
export { ClerkCore } from './lib/config.js';
export type { ClerkCoreConfig, SecretKeySource } from './lib/config.js';
export type { FetchLike, RequestOptions } from './lib/options.js';
export type { RetryOption, RetryPolicy } from './lib/retry.js';
export { signInTokensCreate } from './funcs/signInTokensCreate.js';
export type { SignInTokensCreateError } from './funcs/signInTokensCreate.js';
export { signInTokensRevoke } from './funcs/signInTokensRevoke.js';
export type { SignInTokensRevokeError } from './funcs/signInTokensRevoke.js';
export { andThen, err, map, mapErr, match, ok, unwrap, unwrapOr } from './lib/result.js';
export type { ApiResult, Err, HttpMeta, Ok, Result } from './lib/result.js';
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
} from './lib/errors/index.js';
export type { ClerkAPIErrorInit, ClerkErrorDetail, InputIssue, OperationError } from './lib/errors/index.js';
export { SignInTokenSchema, CreateSignInTokenRequestSchema, RevokeSignInTokenRequestSchema } from './models/index.js';
export type {
	CreateSignInTokenRequest,
	RevokeSignInTokenRequest,
	SignInToken,
	SignInTokenStatus,
} from './models/index.js';
