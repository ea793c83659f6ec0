import type { AbortedError } from './AbortedError.js';
import type { ClerkAPIError } from './ClerkAPIError.js';
import type { ConnectionError } from './ConnectionError.js';
import type { InvalidRequestError } from './InvalidRequestError.js';
import type { ResponseValidationError } from './ResponseValidationError.js';
import type { SecretKeyError } from './SecretKeyError.js';
import type { TimeoutError } from './TimeoutError.js';
import type { UnexpectedError } from './UnexpectedError.js';

/**
 * Every error one call of the shared pipeline can return. Each operation names its own union from
 * this (both sign-in token operations can meet every kind).
 */
export type OperationError =
	| InvalidRequestError
	| SecretKeyError
	| ClerkAPIError
	| ConnectionError
	| TimeoutError
	| AbortedError
	| ResponseValidationError
	| UnexpectedError;
