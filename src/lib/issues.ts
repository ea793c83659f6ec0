import * as v from 'valibot';
import type { InputIssue } from './errors/InvalidRequestError.ts';

/**
 * Turns valibot's issues into ours, so no caller ever handles a schema library's type.
 *
 * @param issues valibot's issues.
 * @param name The name of the argument: the path of an issue with the value as a whole.
 * @param prefixed Whether field paths start with `name.` (options, config) or not (the request's
 *   and response's own fields: `userId`, `created_at`).
 * @returns One `{ path, message }` per issue.
 */
export function toInputIssues(issues: readonly v.BaseIssue<unknown>[], name: string, prefixed = true): InputIssue[] {
	return issues.map((issue) => {
		const path = issue.path?.map((item) => item.key).join('.');
		// valibot reports a missing key with the object's own message; say what is wrong instead.
		const missing = issue.type === 'object' && path && issue.received === 'undefined';
		return { path: path ? (prefixed ? `${name}.${path}` : path) : name, message: missing ? 'is required' : issue.message };
	});
}

/**
 * Summarizes issues on one line.
 *
 * @param issues valibot's issues.
 * @returns `path message; path message`.
 */
export function summarize(issues: readonly v.BaseIssue<unknown>[]): string {
	return toInputIssues(issues, 'config')
		.map(({ path, message }) => `${path} ${message}`)
		.join('; ');
}
