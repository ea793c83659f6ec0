// The one leak checker: everything a caller could print of a value, and the key in every form the
// SDK could hand it back in.
import { inspect } from 'node:util';

/**
 * Everything a caller could see of a value: `String`, `JSON.stringify`, and `util.inspect` with
 * infinite depth and hidden properties (non-enumerables, symbols, getters' presence, stacks, causes,
 * `AggregateError.errors`, Map and Set entries).
 *
 * @param value The value (an error, a result, a header record…).
 * @returns One string holding all of it.
 */
function visible(value: unknown): string {
	let json = '';
	try {
		json = JSON.stringify(value) ?? '';
	} catch {
		json = '(not serializable)';
	}
	return [String(value), json, inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true })].join('\n');
}

/** The forms of a key that must never show: raw, JSON-escaped, percent-encoded, lower-cased. */
function keyForms(key: string): string[] {
	return [...new Set([key, JSON.stringify(key).slice(1, -1), encodeURIComponent(key), key.toLowerCase()])];
}

/**
 * Which forms of the key a value shows, if any.
 *
 * @returns The forms found; empty when none.
 */
export function leaked(value: unknown, key: string): string[] {
	const text = visible(value);
	return keyForms(key).filter((form) => text.includes(form));
}
