import type { Assert, Equal } from '../lib/equal.ts';
import type { AbortedError } from './AbortedError.ts';
import type { ClerkAPIError } from './ClerkAPIError.ts';
import type { ConnectionError } from './ConnectionError.ts';
import type { InvalidRequestError } from './InvalidRequestError.ts';
import type { ResponseValidationError } from './ResponseValidationError.ts';
import type { ErrorKind } from './SdkError.ts';
import type { SecretKeyError } from './SecretKeyError.ts';
import type { TimeoutError } from './TimeoutError.ts';
import type { UnexpectedError } from './UnexpectedError.ts';

/**
 * Every error one call can return. Each operation names its own union from this (both sign-in
 * token operations can meet every kind).
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

// The union and ERROR_KINDS (which isSdkError checks) must name the same kinds.
type _KindsTied = Assert<Equal<OperationError['kind'], ErrorKind>>;
