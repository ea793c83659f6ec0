// The `clerk-sign-in-tokens/errors` entry: every error class and its shapes, by name.
export { SdkError, isSdkError } from './SdkError.js';
export { ClerkAPIError } from './ClerkAPIError.js';
export type { ClerkAPIErrorInit, ClerkErrorDetail } from './ClerkAPIError.js';
export { InvalidRequestError } from './InvalidRequestError.js';
export type { InputIssue } from './InvalidRequestError.js';
export { SecretKeyError } from './SecretKeyError.js';
export { ConnectionError } from './ConnectionError.js';
export { TimeoutError } from './TimeoutError.js';
export { AbortedError } from './AbortedError.js';
export { ResponseValidationError } from './ResponseValidationError.js';
export { UnexpectedError } from './UnexpectedError.js';
export type { OperationError } from './OperationError.js';
