// The `clerk-sign-in-tokens/extra` entry: body fields the SDK does not model yet, for a call's
// `extraBody`. The JSON check, the clash check and the merge live here: a call without extra
// fields carries none of them.
import { register } from './lib/option.ts';
import type { ExtraBody } from './pipeline/options.ts';
import type { ExtraOption } from './pipeline/types.ts';

/**
 * Body fields this SDK does not model yet, for a call's `extraBody`: sent as given, in Clerk's
 * snake_case (`{ locale: 'fr' }`), beside the SDK's own — for a field Clerk added before a release
 * of ours. It goes in the body only, never a header, and nothing of it is logged.
 *
 * Checked at each call, before anything is sent, as an `invalid-request` error at
 * `options.extraBody`: plain JSON data only (no functions, `undefined`, `NaN`, Dates, Maps or
 * cycles, no getters; nesting as deep as `JSON.stringify` can write, at most 10,000 values), and no field the
 * SDK sets from the request (`user_id`, `org_id`: pass it through the request instead). What is
 * sent is what was checked: a copy taken then, so a change made while the call runs changes nothing.
 *
 * @param fields The fields.
 * @returns The extra fields.
 *
 * @example
 * ```ts
 * const res = await signInTokensCreate(clerk, { userId }, { extraBody: extra({ locale: 'fr' }) });
 * ```
 */
export function extra(fields: Record<string, unknown>): ExtraBody {
	const option = ((own, path) => {
		const json = toJSON(fields);
		if ('issue' in json) return [{ path, message: json.issue }];
		// The copy, parsed from the text that was checked (a getter read twice could differ).
		const copy = JSON.parse(json.text) as object;
		// An extra field may add to what the SDK sends, never replace what it sets from the request.
		const clashes = Object.keys(copy).filter((field) => own !== undefined && Object.hasOwn(own, field));
		if (clashes.length) return clashes.map((field) => ({ path, message: `sets ${field}, which the request sets` }));
		// Spread, not assignment: a `"__proto__"` field is sent as a field.
		return { ...own, ...copy };
	}) as ExtraOption;
	return register('extra', option);
}

// The value as JSON text, or why it is not plain JSON data (the body it goes into is JSON): the
// issue names what it holds, never quotes it. JSON.stringify walks it once: the replacer judges
// each value as held, a cycle is its TypeError, nesting too deep for the stack its RangeError;
// the count bounds the walk (a few shared objects can stand for millions of values).
function toJSON(body: unknown): { text: string } | { issue: string } {
	if (typeof body !== 'object' || !body || Array.isArray(body)) return { issue: 'must be extra({ … }) of an object of body fields' };
	let count = 0;
	try {
		return {
			text: JSON.stringify(body, function (this: object, key, value) {
				// The value as held, before a Date's toJSON, read from its descriptor: a getter is not
				// read twice (what is checked is what is sent), and is no plain data anyway.
				const own = Object.getOwnPropertyDescriptor(this, key);
				if (!own || !('value' in own)) throw 'holds a getter: only plain JSON data can be sent';
				const held: unknown = own.value;
				if (++count > 1e4) throw 'holds over 10000 values, too many to send';
				const issue =
					typeof held === 'number'
						? !Number.isFinite(held) && 'NaN or Infinity'
						: typeof held !== 'object'
							? !['string', 'boolean'].includes(typeof held) && typeof held
							: !!held && !Array.isArray(held) && ![Object.prototype, null].includes(Object.getPrototypeOf(held)) && 'a Date, a Map or a class instance';
				if (issue) throw `holds ${issue}: only plain JSON data can be sent`;
				return value;
			}),
		};
	} catch (error) {
		// A getter or proxy trap that throws: what cannot be read cannot be sent.
		const issue =
			typeof error === 'string'
				? error
				: error instanceof RangeError
					? 'nests objects too deep to send'
					: error instanceof TypeError
						? 'holds a cycle: only plain JSON data can be sent'
						: 'could not be read';
		return { issue };
	}
}
