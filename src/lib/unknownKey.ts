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
};

const normalize = (name: string) => name.toLowerCase().replace(/[-_]/g, '');

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
	const n = normalize(name);
	const hint = known.find((k) => normalize(k) === n) ?? known.find((k) => k === ALIASES[n]);
	// Quoted only when it reads like a name and not like a key (`sk_…`, `pk_…`).
	const shown = /^[a-z_$][\w$-]{0,31}$/i.test(name) && !/^[sp]k_/.test(name) ? ` "${name}"` : '';
	return `has an unknown ${noun}${shown}${hint ? ` (did you mean ${hint}?)` : ''}`;
}
