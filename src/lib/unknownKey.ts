// Naming a key nobody asked for, with a hint, without ever echoing a secret: users paste keys in
// odd places, so a name is only quoted when it reads like an option name.

// Names users bring from `@clerk/backend`, Speakeasy's client and ky, by their normalized form
// (lower case, no `_` or `-`; case and separators alone are matched without this table).
const ALIASES: Record<string, string> = {
	apiurl: 'serverURL',
	baseurl: 'serverURL',
	apikey: 'secretKey',
	bearerauth: 'secretKey',
	timeout: 'timeoutMs',
	retries: 'retry',
	expiresin: 'expiresInSeconds',
	// This SDK's own earlier spelling: a custom fetch and hooks now go in `transport({ fetch, hooks })`.
	fetch: 'transport',
	hooks: 'transport',
};

const normalize = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

// One typo apart: a letter added, dropped, changed, or two neighbours swapped (`concurency`, `retyr`).
function near(a: string, b: string): boolean {
	let i = 0;
	while (i < a.length && a[i] === b[i]) i++;
	const rest = (x: number, y: number) => a.slice(x) === b.slice(y);
	return rest(i + 1, i + 1) || rest(i + 1, i) || rest(i, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
}

/**
 * The known name a typed one most likely meant: the same but for case and `-`/`_`, or (past three
 * letters) one typo away.
 *
 * @param name What was typed.
 * @param known The names that exist.
 * @returns The name meant, or `undefined` when none is close.
 */
export function nearest(name: string, known: readonly string[]): string | undefined {
	const n = normalize(name);
	return known.find((k) => normalize(k) === n) ?? (n.length > 3 ? known.find((k) => near(normalize(k), n)) : undefined);
}

/**
 * Describes an unknown key of an object the caller passed.
 *
 * @param name The unknown key.
 * @param known The keys that are allowed.
 * @param noun What a key is called there (`option`, `field`).
 * @returns `has an unknown option "apiUrl" (did you mean serverURL?)`, or no name at all for one
 *   that may be a secret.
 */
export function unknownKey(name: string, known: readonly string[], noun: string): string {
	// Another SDK's name first (`timeout` is timeoutMs, not a typo of anything), then a typo.
	const alias = known.find((k) => k === ALIASES[normalize(name)]);
	const hint = known.find((k) => normalize(k) === normalize(name)) ?? alias ?? nearest(name, known);
	// Quoted only when it reads like a name and not like a key (`sk_…`, `pk_…`).
	const shown = /^[a-z_$][\w$-]{0,31}$/i.test(name) && !/^[sp]k_/.test(name) ? ` "${name}"` : '';
	return `has an unknown ${noun}${shown}${hint ? ` (did you mean ${hint}?)` : ''}`;
}
