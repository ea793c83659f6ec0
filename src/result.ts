// The `clerk-sign-in-tokens/result` entry. Results are plain objects and every helper is a free
// function, so a bundle keeps only the helpers it calls.

// Each side names the other's field as absent, so `if (!res.ok) res.error` narrows even in a
// project compiled without `strictNullChecks` (Next.js generates `strict: false`), where a boolean
// discriminant alone does not narrow on truthiness.

/** A success: `ok` is `true` and `value` holds the data. */
export interface Ok<T> {
	/** `true` for a success. */
	ok: true;
	/** The data. */
	value: T;
	/** Absent on a success, so `res.error` narrows without strictNullChecks. */
	error?: undefined;
}

/** A failure: `ok` is `false` and `error` says why. */
export interface Err<E> {
	/** `false` for a failure. */
	ok: false;
	/** Why it failed. */
	error: E;
	/** Absent on a failure, so `res.value` narrows without strictNullChecks. */
	value?: undefined;
}

/** The outcome of a call that can fail: check `ok`, then read `value` or `error`. */
export type Result<T, E> = Ok<T> | Err<E>;

/** The HTTP status, response headers (lower-cased names) and Clerk's trace id of a successful call. */
export interface HttpMeta {
	/** The HTTP status. */
	status: number;
	/** Response headers, lower-cased names; any that could hold the key are left out. */
	headers: Record<string, string>;
	/** Clerk's `x-clerk-trace-id` for the request: quote it to Clerk support. */
	traceId: string | undefined;
}

/** What an operation resolves to: a `Result` whose success also carries the `HttpMeta`. */
export type ApiResult<T, E> = (Ok<T> & { response: HttpMeta }) | Err<E>;

/**
 * Creates a success.
 *
 * @param value The value.
 * @returns `{ ok: true, value }`.
 */
export function ok<T>(value: T): Ok<T> {
	return { ok: true, value };
}

/**
 * Creates a failure.
 *
 * @param error The error.
 * @returns `{ ok: false, error }`.
 */
export function err<E>(error: E): Err<E> {
	return { ok: false, error };
}

/**
 * Transforms the value of a success and passes a failure through unchanged.
 *
 * @param result The result.
 * @param fn Maps the value.
 * @returns A success with the mapped value, or the same failure.
 */
export function map<T, E, U>(result: Result<T, E>, fn: (value: T) => U): Result<U, E> {
	return result.ok ? ok(fn(result.value)) : result;
}

/**
 * Transforms the error of a failure and passes a success through unchanged.
 *
 * @param result The result.
 * @param fn Maps the error.
 * @returns The same success, or a failure with the mapped error.
 */
export function mapErr<T, E, F>(result: Result<T, E>, fn: (error: E) => F): Result<T, F> {
	return result.ok ? result : err(fn(result.error));
}

/**
 * Chains a step that can itself fail: runs `fn` on a success, passes a failure through. Awaits a
 * promised result and a promised step, so SDK calls compose directly.
 *
 * @param result The result, or a promise of one.
 * @param fn The next step, returning a result or a promise of one.
 * @returns The step's result, or the first failure; a promise when either side is one.
 *
 * Hint: use `map` when the step cannot fail.
 */
export function andThen<T, E, U, F>(result: Result<T, E>, fn: (value: T) => Result<U, F>): Result<U, E | F>;
/**
 * Chains a step that can itself fail, awaiting a promised result or step.
 *
 * @param result The result, or a promise of one.
 * @param fn The next step, returning a result or a promise of one.
 * @returns A promise of the step's result, or of the first failure.
 */
export function andThen<T, E, U, F>(
	result: Result<T, E> | PromiseLike<Result<T, E>>,
	fn: (value: T) => Result<U, F> | PromiseLike<Result<U, F>>,
): Promise<Result<U, E | F>>;
export function andThen<T, E, U, F>(
	result: Result<T, E> | PromiseLike<Result<T, E>>,
	fn: (value: T) => Result<U, F> | PromiseLike<Result<U, F>>,
): Result<U, E | F> | PromiseLike<Result<U, E | F>> {
	if (isThenable(result)) {
		return Promise.resolve(result).then((settled) => andThen(settled, fn));
	}
	return result.ok ? fn(result.value) : result;
}

/** The two handlers of `match`, as one object. */
export interface Handlers<T, E, A, B> {
	/** Called with the value of a success. */
	ok: (value: T) => A;
	/** Called with the error of a failure. */
	err: (error: E) => B;
}

/**
 * Folds a result into one value by calling the handler of its case.
 *
 * @param result The result.
 * @param onOk Called with the value of a success (or `{ ok, err }`, both handlers in one object).
 * @param onErr Called with the error of a failure.
 * @returns What the called handler returns.
 */
export function match<T, E, A, B = A>(result: Result<T, E>, onOk: (value: T) => A, onErr: (error: E) => B): A | B;
/**
 * Folds a result into one value by calling the handler of its case.
 *
 * @param result The result.
 * @param handlers `{ ok, err }`: both handlers in one object.
 * @returns What the called handler returns.
 */
export function match<T, E, A, B = A>(result: Result<T, E>, handlers: Handlers<T, E, A, B>): A | B;
export function match<T, E, A, B = A>(result: Result<T, E>, onOk: ((value: T) => A) | Handlers<T, E, A, B>, onErr?: (error: E) => B): A | B {
	const { ok: whenOk, err: whenErr } = typeof onOk === 'function' ? { ok: onOk, err: onErr as (error: E) => B } : onOk;
	return result.ok ? whenOk(result.value) : whenErr(result.error);
}

/**
 * Returns the value of a success and throws the error of a failure.
 *
 * @param result The result.
 * @returns The value.
 *
 * Hint: this is the one helper that throws; `unwrapOr` and `match` do not.
 */
export function unwrap<T, E>(result: Result<T, E>): T {
	if (result.ok) return result.value;
	throw result.error;
}

/**
 * Returns the value of a success, or `fallback` for a failure.
 *
 * @param result The result.
 * @param fallback The value to use on failure.
 * @returns The value or the fallback.
 */
export function unwrapOr<T, E, U = T>(result: Result<T, E>, fallback: U): T | U {
	return result.ok ? result.value : fallback;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
