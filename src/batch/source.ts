// A batch's input, read one request at a time from an array, an iterable or an async iterable,
// whatever the source does: a read never throws, never rejects, and a source the batch stops
// reading is closed, as `for…of` closes it.
import { breathe } from './breathe.ts';

/** One read: a request, the end of the source, or what reading it threw. */
export type Read<R> = { value: R } | { done: true } | { failed: unknown };

/** A source of requests. */
export interface Source<R> {
	/** Reads the next request; only one read may be pending at a time. */
	next(): Promise<Read<R>>;
	/** Whether the source has ended or failed: it has nothing more, and nothing to close. */
	readonly ended: boolean;
	/**
	 * Closes a source that has not ended (its `return()`). A source with a read pending, or whose
	 * `return()` does not settle, is not waited for: an async generator runs `return()` only after
	 * its pending `next()`, which may never come.
	 *
	 * @param reading Whether a read is still pending.
	 */
	close(reading: boolean): Promise<void>;
}

const describe = (value: unknown) => (value === null ? 'null' : typeof value);

// A request as it was read: a shallow copy of a plain object (a request's fields are strings and
// numbers), so a source that reuses one object (`r.userId = id; yield r`) cannot change what is sent,
// or handed back, for a request already read. Anything else (a class instance, whose fields may be
// getters on its prototype) is kept as given, as is one that cannot be copied, for the call's own
// checks to refuse.
function asRead<R>(value: R): R {
	try {
		const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
		return proto === Object.prototype || proto === null ? { ...value } : value;
	} catch {
		return value;
	}
}

/**
 * Opens a source; nothing is read until `next()`.
 *
 * @param input The requests.
 * @returns The source.
 */
export function source<R>(input: Iterable<R> | AsyncIterable<R>): Source<R> {
	let iterator: Iterator<R> | AsyncIterator<R> | undefined;
	let ended = false;
	return {
		get ended() {
			return ended;
		},
		async next() {
			try {
				iterator ??= Symbol.asyncIterator in input ? input[Symbol.asyncIterator]() : input[Symbol.iterator]();
				const result: unknown = await iterator.next();
				if (typeof result !== 'object' || result === null) {
					throw new TypeError(`the iterator's next() gave ${describe(result)}, not an iterator result ({ done, value })`);
				}
				const { done, value } = result as IteratorResult<R>;
				if (!done) return { value: asRead(value) };
				ended = true;
				return { done: true };
			} catch (error) {
				ended = true;
				return { failed: error };
			}
		},
		async close(reading) {
			if (ended || !iterator) return;
			ended = true;
			try {
				const closing = Promise.resolve(iterator.return?.()).catch(() => {});
				// One task is enough for a source that closes at once; no source holds the batch longer.
				if (!reading) await Promise.race([closing, breathe()]);
			} catch {
				// A `return` that throws (or a getter on it) closes nothing more.
			}
		},
	};
}
