// The `clerk-sign-in-tokens/errors` entry: every error class and its shapes, by name.
export { SdkError, isSdkError } from './SdkError.ts';
export { ClerkAPIError } from './ClerkAPIError.ts';
export type { ClerkAPIErrorInit, ClerkErrorDetail } from './ClerkAPIError.ts';
export { InvalidRequestError } from './InvalidRequestError.ts';
export type { InputIssue } from './InvalidRequestError.ts';
export { SecretKeyError } from './SecretKeyError.ts';
export { ConnectionError } from './ConnectionError.ts';
export { TimeoutError } from './TimeoutError.ts';
export { AbortedError } from './AbortedError.ts';
export { ResponseValidationError } from './ResponseValidationError.ts';
export { UnexpectedError } from './UnexpectedError.ts';
export type { OperationError } from './OperationError.ts';
