import type { OperationError } from './OperationError.ts';
import { ERROR_KINDS } from './SdkError.ts';

/**
 * Tells whether a value is an error returned by this SDK, by shape: an `Error` (of any realm, so
 * one built in a `vm` context or an iframe counts) whose `kind` is one of ours.
 *
 * @param value The value to test.
 * @returns Whether `value` is one of the SDK's errors, narrowed to the union of them.
 */
export function isSdkError(value: unknown): value is OperationError {
	return Object.prototype.toString.call(value) === '[object Error]' && (ERROR_KINDS as readonly unknown[]).includes((value as { kind?: unknown }).kind);
}
