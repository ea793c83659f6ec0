// The `clerk-sign-in-tokens/errors` entry: every error class, its guard and its shapes, by name.
export { SdkError, ERROR_KINDS } from './SdkError.ts';
export type { ErrorKind } from './SdkError.ts';
export { isSdkError } from './isSdkError.ts';
export { ClerkAPIError } from './ClerkAPIError.ts';
export type { ClerkAPIErrorInit, ClerkErrorDetail } from './ClerkAPIError.ts';
export type { ClerkErrorCode } from './codes.ts';
export { InvalidRequestError } from './InvalidRequestError.ts';
export type { InputIssue } from './InvalidRequestError.ts';
export { SecretKeyError } from './SecretKeyError.ts';
export { ConnectionError } from './ConnectionError.ts';
export { TimeoutError } from './TimeoutError.ts';
export { AbortedError } from './AbortedError.ts';
export { ResponseValidationError } from './ResponseValidationError.ts';
export { UnexpectedError } from './UnexpectedError.ts';
export type { OperationError } from './OperationError.ts';
