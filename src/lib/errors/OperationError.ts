import type { AbortedError } from './AbortedError.ts';
import type { ClerkAPIError } from './ClerkAPIError.ts';
import type { ConnectionError } from './ConnectionError.ts';
import type { InvalidRequestError } from './InvalidRequestError.ts';
import type { ResponseValidationError } from './ResponseValidationError.ts';
import type { SecretKeyError } from './SecretKeyError.ts';
import type { TimeoutError } from './TimeoutError.ts';
import type { UnexpectedError } from './UnexpectedError.ts';

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
