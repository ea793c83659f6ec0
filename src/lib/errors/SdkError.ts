/**
 * Base class of every error this SDK returns, so `instanceof SdkError` catches them all.
 *
 * Hint: across realms (or two copies of the package) prefer {@link isSdkError}.
 */
export abstract class SdkError extends Error {
	abstract readonly kind: string;

	/**
	 * Serializes the error with its message, which `JSON.stringify` would otherwise drop.
	 *
	 * @returns A plain object safe to log.
	 */
	toJSON(): object {
		return { ...this, message: this.message };
	}
}

const kinds: ReadonlySet<unknown> = new Set([
	'api',
	'invalid-request',
	'secret-key',
	'connection',
	'timeout',
	'aborted',
	'invalid-response',
	'unexpected',
]);

/**
 * Tells whether a value is an error returned by this SDK, by shape, so it also works across realms.
 *
 * @param value The value to test.
 * @returns Whether `value` is an `SdkError`.
 */
export function isSdkError(value: unknown): value is SdkError {
	return value instanceof Error && kinds.has((value as Partial<SdkError>).kind);
}
