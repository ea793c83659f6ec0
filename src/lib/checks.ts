// Small predicates the schemas of the core, a call, a batch and the fake share, so each is written
// once.
import * as v from 'valibot';

/** setTimeout's ceiling (a signed 32-bit int of ms); see ky's `maxSafeTimeout`. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Visible ASCII only: what every runtime sends unchanged in a header value (RFC 9110 §5.5). CR/LF
 * in a key would split the request.
 */
export const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** Whether a value is a non-null object. */
export const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null;
/** Whether a value is a function. */
export const isFunction = (input: unknown): boolean => typeof input === 'function';
/** A whole number from 1 to `max`: a count of calls, requests or ms. */
export const isCount =
	(max: number) =>
	(input: unknown): boolean =>
		Number.isInteger(input) && (input as number) >= 1 && (input as number) <= max;

/**
 * A number or string checked by a predicate: one valibot `custom` rather than a type schema, a pipe
 * and a check, which are three more functions in every bundle.
 *
 * @param type `number` or `string`.
 * @param check The predicate, given a value of that type.
 * @param message The message when the type is right and the predicate fails.
 * @returns The schema.
 */
export const typed = <T extends number | string>(type: 'number' | 'string', check: (input: T) => boolean, message: string | ((input: T) => string)) => {
	// NaN is no number, as valibot's `number` says too.
	const isType = (input: unknown) => typeof input === type && !Number.isNaN(input);
	return v.custom<T>(
		(input) => isType(input) && check(input as T),
		({ input }) => (!isType(input) ? `must be a ${type}` : typeof message === 'string' ? message : message(input as T)),
	);
};

/**
 * An optional field checked by a predicate.
 *
 * @param check The predicate.
 * @param message The message when it fails.
 * @returns The schema.
 */
export const custom = <T>(check: (input: unknown) => boolean, message: string) => v.optional(v.custom<T>(check, message));
