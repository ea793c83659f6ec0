/** Every `kind` an SDK error can have; one list, which `isSdkError` checks and the union is tied to. */
export const ERROR_KINDS = ['api', 'invalid-request', 'secret-key', 'connection', 'timeout', 'aborted', 'invalid-response', 'unexpected'] as const;

/** The discriminant of an SDK error: `switch (error.kind)` over it is exhaustive. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Base class of every error this SDK returns, so `instanceof SdkError` catches them all.
 *
 * Hint: across realms (or two copies of the package) prefer `isSdkError`, which checks by shape.
 */
export abstract class SdkError extends Error {
	/** Discriminates the error union: `switch (error.kind)`. */
	abstract readonly kind: ErrorKind;

	/**
	 * Serializes the error with its name and message, which `JSON.stringify` would otherwise drop.
	 *
	 * @returns A plain object safe to log: it never holds the secret key.
	 */
	toJSON(): object {
		return { ...this, name: this.name, message: this.message };
	}
}
