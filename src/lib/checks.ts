// Checks a core's config and a call's options share, so each is written once.
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
const isMs = (input: unknown) => typeof input === 'number' && input >= 0 && input <= MAX_TIMER_MS;
/** A whole number from 1 to `max`: a count of calls, requests or ms. */
export const isCount =
	(max: number) =>
	(input: unknown): boolean =>
		Number.isInteger(input) && (input as number) >= 1 && (input as number) <= max;
const isLimit = (input: unknown) => Number.isInteger(input) && (input as number) >= 0 && (input as number) <= 100;

/**
 * An optional field checked by a predicate.
 *
 * @param check The predicate.
 * @param message The message when it fails.
 * @returns The schema.
 */
export const custom = <T>(check: (input: unknown) => boolean, message: string) => v.optional(v.custom<T>(check, message));

/** The retry policy's fields and their checks (tied to `RetryPolicy` in core.ts). */
export const RETRY_FIELDS = {
	limit: isLimit,
	statusCodes: (input: unknown) => Array.isArray(input) && input.every((s) => Number.isInteger(s) && s >= 400 && s <= 599),
	networkErrors: (input: unknown) => input === 'any' || input === 'unsent' || input === 'none',
	maxRetryAfter: isMs,
	backoffLimit: isMs,
	delay: isFunction,
	jitter: (input: unknown) => typeof input === 'boolean',
};

/** The deadline of a call: a whole number of ms a timer can hold. */
export const Timeout = v.pipe(
	v.number('must be a number'),
	v.check((ms) => ms >= 1 && isMs(ms), `must be 1 to ${MAX_TIMER_MS} ms`),
);

const HEADERS_RULE = 'must hold valid header names and values';

/**
 * The fields a core and a call share: `timeoutMs`, `retry` and `headers` (normalized once to a
 * record of lower-cased names).
 *
 * @returns Their schemas, typed with the caller's retry option type.
 */
export const commonFields = <Retry>() => ({
	timeoutMs: v.optional(Timeout),
	retry: custom<Retry>(
		(input) =>
			typeof input === 'number'
				? isLimit(input)
				: isObject(input) &&
					Object.entries(input).every(
						([key, value]) => value === undefined || (Object.hasOwn(RETRY_FIELDS, key) && RETRY_FIELDS[key as keyof typeof RETRY_FIELDS](value)),
					),
		`must be a limit 0 to 100, or a policy of ${Object.keys(RETRY_FIELDS).join(', ')}`,
	),
	headers: v.optional(
		v.pipe(
			v.custom<HeadersInit>(isObject, HEADERS_RULE),
			// A value the Headers constructor refuses comes out undefined, which the check refuses.
			v.transform((input) => {
				try {
					return Object.fromEntries(new Headers(input));
				} catch {
					return undefined;
				}
			}),
			v.check((headers): headers is Record<string, string> => headers !== undefined, HEADERS_RULE),
		),
	),
});
