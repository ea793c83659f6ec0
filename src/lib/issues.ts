import { getDotPath } from 'valibot';
import type { BaseIssue } from 'valibot';
import { unknownKey } from './unknownKey.ts';

/** One reason an input was refused, as the SDK reports it (the public `InputIssue`). */
export interface Issue {
	path: string;
	message: string;
}

/**
 * Turns valibot's issues into ours, so no caller ever handles a schema library's type, and an
 * unknown key is named only as `unknownKey` allows.
 *
 * @param issues valibot's issues.
 * @param name The argument's name (`options`, `config`): the path of an issue with the value as a
 *   whole, and the prefix of its fields' paths unless `prefixed` is false.
 * @param known Every key a strict object there allows, for the did-you-mean.
 * @param noun What a key is called there (`option`, `field`).
 * @param prefixed Whether field paths start with `name.`; a request's own fields do not (`userId`).
 * @returns One `{ path, message }` per issue.
 */
export function toIssues(issues: readonly BaseIssue<unknown>[], name: string, known: readonly string[], noun: string, prefixed = true): Issue[] {
	const at = (dotted: string | null | undefined) => (dotted ? (prefixed ? `${name}.${dotted}` : dotted) : name);
	return issues.map((issue) => {
		const last = issue.path?.at(-1);
		if (last?.origin !== 'key') return { path: at(getDotPath(issue)), message: issue.message };
		// A key issue: unknown or missing. An unknown key's own name never enters the path: it may
		// be a pasted secret, so only `unknownKey` decides whether to quote it.
		const key = String(last.key);
		const parent = issue.path
			?.slice(0, -1)
			.map((item) => item.key)
			.join('.');
		if (issue.expected === 'never') return { path: at(parent), message: unknownKey(key, known, noun) };
		return { path: at(parent ? `${parent}.${key}` : key), message: 'is required' };
	});
}
