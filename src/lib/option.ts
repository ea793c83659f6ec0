// How the core knows an opt-in setting when it sees one — a logger, a transport, a budget, a retry
// policy, extra body fields — without importing the module that makes it: each factory (`events()`,
// `transport()`, `budget()`, `policy()`, `extra()`) registers what it made under its kind. A
// look-alike built by hand, or by another copy of the package, is not one.

const made = new WeakMap<object, string>();

/**
 * Registers a value as an option of one kind.
 *
 * @param kind The setting it is for: `logger`, `transport`, `budget`, `retry`, `extra`.
 * @param value The option.
 * @returns The value.
 */
export function register<T extends object>(kind: string, value: T): T {
	made.set(value, kind);
	return value;
}

/**
 * A check that a value was made, by this copy of the package, as an option of one kind.
 *
 * @param kind The kind.
 * @returns The check.
 */
export const isOption =
	(kind: string) =>
	(input: unknown): boolean =>
		made.get(input as object) === kind;
