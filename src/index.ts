// The package root: every name of the library entries, listed. Each also has its own subpath entry
// (`/core`, `/funcs/*`, `/events`, …) holding the same code; bundlers shake this root as well as
// them, so an opt-in a bundle does not use costs it nothing here either. The entries with peers or
// a heavier purpose — `/sdk`, `/otel`, `/testing`, `/testing/msw` and the budget adapters — are
// imported from their own subpaths only, so the root never reaches an optional peer.
export { ClerkCore } from './core.ts';
// biome-ignore format: one line per entry, as a table of the package
export type { Budget, ClerkCoreConfig, ExtraBody, Logger, Policy, RequestOptions, RetryOption, SecretKeySource, Transport } from './core.ts';
export { signInTokensCreate } from './funcs/signInTokensCreate.ts';
export type { SignInTokensCreateError, SignInTokensCreateResult } from './funcs/signInTokensCreate.ts';
export { signInTokensRevoke } from './funcs/signInTokensRevoke.ts';
export type { SignInTokensRevokeError, SignInTokensRevokeResult } from './funcs/signInTokensRevoke.ts';
export { signInTokensCreateMany } from './funcs/signInTokensCreateMany.ts';
export type { CreateManyItem, CreateManyOptions, CreateManyProgress } from './funcs/signInTokensCreateMany.ts';
export { events } from './events.ts';
// biome-ignore format: one line per entry, as a table of the package
export type { ClerkBudgetEvent, ClerkEvent, ClerkEventBase, ClerkOutcomeEvent, ClerkRequestEvent, ClerkResponseEvent, ClerkRetryEvent, EventHandler } from './events.ts';
export { transport } from './transport.ts';
export type { AfterResponseHook, BeforeRequestHook, BeforeRetryHook, FetchLike, Hooks, TransportOptions } from './transport.ts';
export { policy } from './retry.ts';
export type { PolicyFields, RetryPolicy } from './retry.ts';
export { extra } from './extra.ts';
export { budget } from './budget/index.ts';
export type { BudgetEngine } from './budget/index.ts';
export { signInUrl } from './signInUrl.ts';
export type { SignInUrlOptions } from './signInUrl.ts';
export { decodeTicket } from './decodeTicket.ts';
export type { TicketFacts } from './decodeTicket.ts';
export { andThen, err, map, mapErr, match, ok, unwrap, unwrapOr } from './result.ts';
export type { ApiResult, Err, Handlers, HttpMeta, Ok, Result } from './result.ts';
export {
	AbortedError,
	ClerkAPIError,
	ConnectionError,
	ERROR_KINDS,
	InvalidRequestError,
	ResponseValidationError,
	SdkError,
	SecretKeyError,
	TimeoutError,
	UnexpectedError,
	isSdkError,
} from './errors/index.ts';
export type { ClerkAPIErrorInit, ClerkErrorCode, ClerkErrorDetail, ErrorKind, InputIssue, OperationError } from './errors/index.ts';
export { MAX_EXPIRES_IN_SECONDS, MAX_ID_LENGTH } from './models/index.ts';
export type { CreateSignInTokenRequest, RevokeSignInTokenRequest, SignInToken, SignInTokenStatus } from './models/index.ts';
