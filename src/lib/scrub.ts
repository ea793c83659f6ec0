// Keeping the secret key out of everything the SDK hands back. Two rules make it hold by
// construction rather than by a search that must be deep enough:
// 1. every string that came from outside (a body, a header, a thrown error) passes `scrub` before
//    it leaves, and `scrub` knows every form of the key we could hand back;
// 2. no foreign object (a thrown error, an abort reason) is ever handed over: `summarize` rebuilds
//    it from scrubbed strings, so no property, symbol, getter, proxy trap or internal slot of the
//    original can carry the key to the caller.

const MARK = '[REDACTED]';

/** Removes the secret key from a text, in every form it could appear in. */
export type Scrub = (text: string) => string;

/**
 * Builds the scrubber of one key: its raw form, its JSON-escaped form (a key holding `"` or `\`
 * appears escaped in a JSON body) and its percent-encoded form (in a URL).
 *
 * @param key The secret key.
 * @returns The scrubber.
 */
export function scrubber(key: string): Scrub {
	let scrub = made.get(key);
	if (scrub) return scrub;
	const forms = [...new Set([key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key)])];
	// A text shorter than every form cannot hold one (most header names and values).
	const shortest = Math.min(...forms.map((form) => form.length));
	// A key that is part of the mark itself would survive its own replacement.
	const mark = MARK.includes(key) ? '' : MARK;
	scrub = (text) => {
		if (text.length >= shortest) for (const form of forms) if (text.includes(form)) text = text.split(form).join(mark);
		return text;
	};
	// A call needs the scrubbers of its key and of the key lower-cased; a core keeps one key, a
	// provider rotates it rarely. Kept small so rotated keys do not pile up.
	if (made.size >= 4) made.clear();
	made.set(key, scrub);
	return scrub;
}

const made = new Map<string, Scrub>();

/**
 * The scrubber for when the key is not known (a provider that threw, a call aborted before its
 * key arrived): only identifier-like text — a name (`AbortError`), a code (`ECONNREFUSED`) — is
 * kept; anything else is withheld, since nothing can tell whether it holds the key.
 */
export const withhold: Scrub = (text: string): string => (/^[\w.-]{0,64}$/.test(text) && !/^[sp]k_/.test(text) ? text : '[withheld]');

/**
 * Rebuilds what was thrown, or an abort reason, as a fresh `Error` of scrubbed strings: its
 * `name`, `message`, `stack` and `code`, and the same summary of its `cause` and of an
 * `AggregateError`'s `errors`. Strings are scrubbed; other primitives pass as they are.
 *
 * @param value What was thrown.
 * @param scrub The call's scrubber.
 * @param depth How deep in a cause chain this is; chains are cut at 4.
 * @returns A value that holds nothing of the original but scrubbed text.
 */
export function summarize(value: unknown, scrub: Scrub, depth = 0): unknown {
	if (typeof value === 'function') return 'a function';
	if (typeof value !== 'object' || value === null) return typeof value === 'string' || typeof value === 'symbol' ? scrub(String(value)) : value;
	try {
		const { name, message, stack, code, cause, errors } = value as Record<string, unknown>;
		const text = scrub(typeof message === 'string' ? message : Object.prototype.toString.call(value));
		const copy = new Error(text, depth < 3 && cause !== undefined ? { cause: summarize(cause, scrub, depth + 1) } : undefined);
		copy.name = typeof name === 'string' ? scrub(name) : 'Error';
		copy.stack = typeof stack === 'string' ? scrub(stack) : `${copy.name}: ${text}`;
		if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code: typeof code === 'string' ? scrub(code) : code });
		if (depth < 3 && Array.isArray(errors)) Object.assign(copy, { errors: errors.slice(0, 10).map((e) => summarize(e, scrub, depth + 1)) });
		return copy;
	} catch {
		// A getter or proxy trap that throws: nothing of it can be trusted.
		return new Error('a value that could not be read');
	}
}

/**
 * Copies headers into a plain record with lower-cased names, scrubbing every value and leaving
 * out any header whose name holds the key (names are case-insensitive, so compared lower-cased).
 *
 * @param headers The headers.
 * @param scrub The call's scrubber.
 * @param scrubName The scrubber of the lower-cased key.
 * @returns The headers as a record.
 */
export function plainHeaders(headers: Headers, scrub: Scrub, scrubName: Scrub): Record<string, string> {
	const kept: [string, string][] = [];
	headers.forEach((value, name) => {
		if (scrubName(name) === name) kept.push([name, scrub(value)]);
	});
	// Built by fromEntries, not assignment: a header named `__proto__` is a plain field, not the record's prototype.
	return Object.fromEntries(kept);
}
