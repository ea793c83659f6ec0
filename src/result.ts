// The `clerk-sign-in-tokens/result` entry. Results are plain objects and every helper is a free
// function, so a bundle keeps only the helpers it calls. Every helper works both ways, as Effect's
// `dual` and remeda's do: data-first, `map(result, fn)`, and data-last, `map(fn)(result)`, for the
// `pipe` of Effect, remeda, fp-ts or your own.

// Each side names the other's field as absent, so `if (!res.ok) res.error` narrows even in a
// project compiled without `strictNullChecks` (Next.js generates `strict: false`), where a boolean
// discriminant alone does not narrow on truthiness.

/** A success: `ok` is `true` and `value` holds the data. */
export interface Ok<T> {
	/** `true` for a success. */
	ok: true;
	/** The data. */
	value: T;
	/**
	 * Absent on a success, so `res.error` narrows without strictNullChecks; `never`, so a step that
	 * returns `ok(…)` adds no error type to a chain.
	 */
	error?: never;
}

/** A failure: `ok` is `false` and `error` says why. */
export interface Err<E> {
	/** `false` for a failure. */
	ok: false;
	/** Why it failed. */
	error: E;
	/** Absent on a failure, so `res.value` narrows without strictNullChecks. */
	value?: never;
}

/** The outcome of a call that can fail: check `ok`, then read `value` or `error`. */
export type Result<T, E> = Ok<T> | Err<E>;

/** The HTTP status, response headers (lower-cased names) and Clerk's trace id of a successful call. */
export interface HttpMeta {
	/** The HTTP status. */
	status: number;
	/** Response headers, lower-cased names; any that could hold the key are left out. */
	headers: Record<string, string>;
	/** Clerk's trace id for the request (`x-clerk-trace-id`, else `cf-ray`): quote it to Clerk support. */
	traceId: string | undefined;
	/**
	 * **Unstable.** The body's fields that the model does not know yet (a field Clerk added before a
	 * release of this SDK), as Clerk sent them, snake_case; absent when there are none. Read them
	 * while you wait for the model to name them; they may move into `value` in any release.
	 */
	extra?: Record<string, unknown> | undefined;
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

// One implementation, both forms: with the result first, applied now; without it, a function that
// waits for it. Called per use, not at load, so a bundle keeps only the helpers it calls.
function dual(args: unknown[], dataFirst: boolean, body: (self: never, ...rest: never[]) => unknown): unknown {
	return dataFirst ? body(...(args as [never])) : (self: never) => body(self, ...(args as never[]));
}

/**
 * Transforms the value of a success and passes a failure through unchanged.
 *
 * @param result The result.
 * @param fn Maps the value.
 * @returns A success with the mapped value, or the same failure.
 *
 * Hint: data-last, `map(fn)` returns the step for a `pipe`.
 */
export function map<T, E, U>(result: Result<T, E>, fn: (value: T) => U): Result<U, E>;
/**
 * Transforms the value of a success, data-last: the step for a `pipe`.
 *
 * @param fn Maps the value.
 * @returns A function of the result: a success with the mapped value, or the same failure.
 */
export function map<T, U>(fn: (value: T) => U): <E>(result: Result<T, E>) => Result<U, E>;
export function map(...args: unknown[]): unknown {
	return dual(args, args.length > 1, mapOf);
}
const mapOf = <T, E, U>(result: Result<T, E>, fn: (value: T) => U): Result<U, E> => (result.ok ? ok(fn(result.value)) : result);

/**
 * Transforms the error of a failure and passes a success through unchanged.
 *
 * @param result The result.
 * @param fn Maps the error.
 * @returns The same success, or a failure with the mapped error.
 *
 * Hint: data-last, `mapErr(fn)` returns the step for a `pipe`.
 */
export function mapErr<T, E, F>(result: Result<T, E>, fn: (error: E) => F): Result<T, F>;
/**
 * Transforms the error of a failure, data-last: the step for a `pipe`.
 *
 * @param fn Maps the error.
 * @returns A function of the result: the same success, or a failure with the mapped error.
 */
export function mapErr<E, F>(fn: (error: E) => F): <T>(result: Result<T, E>) => Result<T, F>;
export function mapErr(...args: unknown[]): unknown {
	return dual(args, args.length > 1, mapErrOf);
}
const mapErrOf = <T, E, F>(result: Result<T, E>, fn: (error: E) => F): Result<T, F> => (result.ok ? result : err(fn(result.error)));

/**
 * The step `andThen(fn)` returns for a synchronous `fn`: a result in, the step's result out — a
 * promise of it when the result came as a promise.
 */
export type AndThenStep<T, U, F> = <R extends Result<T, unknown> | PromiseLike<Result<T, unknown>>>(
	result: R,
) => [R] extends [PromiseLike<Result<T, infer E>>] ? Promise<Result<U, E | F>> : [R] extends [Result<T, infer E>] ? Result<U, E | F> : never;

/**
 * Chains a step that can itself fail: runs `fn` on a success, passes a failure through. Awaits a
 * promised result and a promised step, so SDK calls compose directly.
 *
 * @param result The result, or a promise of one.
 * @param fn The next step, returning a result or a promise of one.
 * @returns The step's result, or the first failure; a promise when either side is one.
 *
 * Hint: use `map` when the step cannot fail; data-last, `andThen(fn)` returns the step for a `pipe`.
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
/**
 * Chains an async step that can itself fail, data-last: the step for a `pipe`.
 *
 * @param fn The next step, returning a promise of a result.
 * @returns A function of a result, or of a promise of one, returning a promise.
 */
export function andThen<T, U, F>(
	fn: (value: T) => PromiseLike<Result<U, F>>,
): <E>(result: Result<T, E> | PromiseLike<Result<T, E>>) => Promise<Result<U, E | F>>;
/**
 * Chains a synchronous step that can itself fail, data-last: the step for a `pipe`.
 *
 * @param fn The next step, returning a result.
 * @returns A function of a result (or of a promise of one, then returning a promise).
 */
export function andThen<T, U, F>(fn: (value: T) => Result<U, F>): AndThenStep<T, U, F>;
export function andThen(...args: unknown[]): unknown {
	return dual(args, args.length > 1, andThenOf);
}
function andThenOf<T, E, U, F>(
	result: Result<T, E> | PromiseLike<Result<T, E>>,
	fn: (value: T) => Result<U, F> | PromiseLike<Result<U, F>>,
): Result<U, E | F> | PromiseLike<Result<U, E | F>> {
	if (isThenable(result)) return Promise.resolve(result).then((settled) => andThenOf(settled, fn));
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
 * @param onOk Called with the value of a success.
 * @param onErr Called with the error of a failure.
 * @returns What the called handler returns.
 *
 * Hint: data-last, `match(onOk, onErr)` or `match({ ok, err })` returns the step for a `pipe`.
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
/**
 * Folds a result into one value, data-last: the step for a `pipe`.
 *
 * @param onOk Called with the value of a success.
 * @param onErr Called with the error of a failure.
 * @returns A function of the result, returning what the called handler returns.
 */
export function match<T, E, A, B = A>(onOk: (value: T) => A, onErr: (error: E) => B): (result: Result<T, E>) => A | B;
/**
 * Folds a result into one value, data-last: the step for a `pipe`.
 *
 * @param handlers `{ ok, err }`: both handlers in one object.
 * @returns A function of the result, returning what the called handler returns.
 */
export function match<T, E, A, B = A>(handlers: Handlers<T, E, A, B>): (result: Result<T, E>) => A | B;
export function match(...args: unknown[]): unknown {
	return dual(args, typeof (args[0] as { ok?: unknown } | null)?.ok === 'boolean', matchOf);
}
// Data-first when the first argument is a result: its `ok` is a boolean (a handlers object's `ok`
// is a function).
const matchOf = <T, E, A, B>(result: Result<T, E>, onOk: ((value: T) => A) | Handlers<T, E, A, B>, onErr?: (error: E) => B): A | B => {
	const { ok: whenOk, err: whenErr } = typeof onOk === 'function' ? { ok: onOk, err: onErr as (error: E) => B } : onOk;
	return result.ok ? whenOk(result.value) : whenErr(result.error);
};

/**
 * Returns the value of a success and throws the error of a failure. Unary, so it is its own
 * data-last form: `pipe(result, unwrap)`.
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
 *
 * Hint: data-last, `unwrapOr(fallback)` returns the step for a `pipe`.
 */
export function unwrapOr<T, E, U = T>(result: Result<T, E>, fallback: U): T | U;
/**
 * Returns the value of a success, or `fallback` for a failure, data-last: the step for a `pipe`.
 *
 * @param fallback The value to use on failure.
 * @returns A function of the result, returning its value or the fallback.
 */
export function unwrapOr<U>(fallback: U): <T, E>(result: Result<T, E>) => T | U;
export function unwrapOr(...args: unknown[]): unknown {
	return dual(args, args.length > 1, unwrapOrOf);
}
const unwrapOrOf = <T, E, U>(result: Result<T, E>, fallback: U): T | U => (result.ok ? result.value : fallback);

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
