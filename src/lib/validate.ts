import { safeParse } from 'valibot';
import type { BaseIssue } from 'valibot';
import type { GenericSchema, ObjectEntries, ObjectSchema } from 'valibot';
import { isObject } from './checks.ts';
import { unknownKey } from './unknownKey.ts';

/** One reason an input was refused, as the SDK reports it (the public `InputIssue`). */
export interface Issue {
	path: string;
	message: string;
}

/**
 * Issues as one line: `path message; path message`, the form every error and TypeError of this
 * package says them in.
 *
 * @param issues The issues.
 * @returns The line.
 */
export const listIssues = (issues: readonly Issue[]): string => issues.map(({ path, message }) => `${path} ${message}`).join('; ');

/**
 * Where an issue lies, as a dotted path (`user.id`, `errors.0.code`); empty for the value as a
 * whole. (valibot's `getDotPath` says the same, at twice the bytes in every bundle.)
 *
 * @param issue A valibot issue.
 * @returns The path.
 */
export const dotPath = (issue: Pick<BaseIssue<unknown>, 'path'>): string => issue.path?.map((item) => item.key).join('.') ?? '';

/**
 * Checks an input against an object schema and refuses keys it does not know, so no caller ever
 * handles a schema library's issue, and a typo (`timeout`) is never silently ignored.
 *
 * @param schema The object's schema.
 * @param value The input.
 * @param name What the input is called (`config`, `options`, `request`): the path of an issue with
 *   it as a whole, and the prefix of its fields' paths unless `prefixed` is false (a request's own
 *   fields read better bare: `userId`).
 * @param prefixed Whether field paths start with `name.`.
 * @returns The parsed value, or every issue found.
 */
export function validate<E extends ObjectEntries>(
	schema: ObjectSchema<E, string>,
	value: unknown,
	name: string,
	prefixed = true,
): { value: { [K in keyof E]: unknown } } | { issues: Issue[] } {
	const at = (path: string) => (path ? (prefixed ? `${name}.${path}` : path) : name);
	try {
		const known = Object.keys(schema.entries);
		const issues: Issue[] = isObject(value)
			? Object.keys(value)
					.filter((key) => !known.includes(key))
					.map((key) => ({ path: name, message: unknownKey(key, known, prefixed ? 'option' : 'field') }))
			: [];
		const parsed = safeParse(schema as GenericSchema, value, { abortPipeEarly: true });
		for (const issue of parsed.issues ?? []) {
			const path = dotPath(issue);
			// valibot words a missing key as an invalid one; say what is wrong instead.
			issues.push({ path: at(path), message: issue.path?.[0]?.origin === 'key' ? 'is required' : issue.message });
		}
		return issues.length ? { issues } : { value: parsed.output as { [K in keyof E]: unknown } };
	} catch {
		// A getter or proxy trap that throws: what cannot be read is refused, never rethrown.
		return { issues: [{ path: name, message: 'could not be read' }] };
	}
}
