// The `clerk-sign-in-tokens/signInUrl` entry: the link that puts a sign-in token's ticket in front
// of a user, built the way Clerk's frontend reads it.
import { InvalidRequestError } from './errors/InvalidRequestError.ts';
import type { SignInToken } from './models/signInToken.ts';
import { unknownKey } from './lib/unknownKey.ts';
import { isLoopback } from './lib/url.ts';
import type { Result } from './result.ts';
import { err, ok } from './result.ts';

/** Options of `signInUrl`. */
export interface SignInUrlOptions {
	/**
	 * Your app's page that completes the sign-in with Clerk's frontend (`https://app.example.com/sign-in`).
	 * The ticket goes in its query as `__clerk_ticket`, which is where Clerk's frontend reads it
	 * (never the URL's hash). Its existing query and hash are kept.
	 */
	baseUrl?: string | undefined;
	/**
	 * Where to go once signed in, sent as `redirect_url`: absolute, or relative to `baseUrl` (as it
	 * is, without the ticket). Not the sign-in page itself.
	 */
	redirectUrl?: string | undefined;
}

/**
 * Builds the link that signs a user in with a sign-in token: Clerk's hosted link (`token.url`) by
 * default, or your app's own page with the ticket as its `__clerk_ticket` query parameter. Pure: no
 * I/O, no clock.
 *
 * @param token The sign-in token, as `signInTokensCreate` returned it.
 * @param options Your page and where to go afterwards.
 * @returns The link, or an `InvalidRequestError` for a token whose ticket cannot sign anyone in
 *   (revoked, accepted, or without one), or for a URL that is not `https:` (`http:` only on
 *   loopback), carries credentials (`user:pw@`), holds whitespace or control characters, or — for
 *   `redirectUrl` — leads back to the sign-in page itself. A relative `redirectUrl` is resolved
 *   against `baseUrl` before the ticket is added, so the ticket is never in `redirect_url`; the
 *   hosted link is returned as the URL parser reads it.
 *
 * @example
 * ```ts
 * const link = signInUrl(res.value, { baseUrl: 'https://app.example.com/sign-in', redirectUrl: '/welcome' });
 * if (link.ok) await sendEmail(user, link.value);
 * ```
 */
export function signInUrl(token: Pick<SignInToken, 'token' | 'url' | 'status'>, options?: SignInUrlOptions): Result<string, InvalidRequestError> {
	try {
		return build(token, options ?? {});
	} catch {
		// A getter or proxy trap that throws: what cannot be read cannot be linked to.
		return err(new InvalidRequestError([{ path: 'token', message: 'could not be read' }]));
	}
}

function build(token: Pick<SignInToken, 'token' | 'url' | 'status'>, options: SignInUrlOptions): Result<string, InvalidRequestError> {
	const refuse = (path: string, message: string) => err(new InvalidRequestError([{ path, message }]));
	// A typo'd option must not silently give a link without the redirect, or Clerk's instead of the app's.
	if (typeof options !== 'object' || options === null || Array.isArray(options)) return refuse('options', 'must be an object: { baseUrl?, redirectUrl? }');
	const unknown = Object.keys(options).find((key) => !OPTIONS.includes(key));
	if (unknown !== undefined) return refuse('options', unknownKey(unknown, OPTIONS, 'option'));
	if (typeof token !== 'object' || token === null) return refuse('token', 'must be the sign-in token signInTokensCreate returned (res.value)');
	if ('ok' in token && !('token' in token)) return refuse('token', 'is a Result: pass res.value once res.ok is true');
	const ticket = token.token;
	if (typeof ticket !== 'string' || ticket === '') return refuse('token.token', 'is missing: the token carries no ticket (a revoked token has none)');
	if (token.status !== undefined && token.status !== 'pending')
		return refuse('token.status', `is "${token.status}": only a pending token's ticket can sign in`);
	const { baseUrl, redirectUrl } = options;
	if (baseUrl === undefined) {
		if (redirectUrl !== undefined) return refuse('options.redirectUrl', "needs options.baseUrl: Clerk's hosted link decides its own redirect");
		// Returned as the parser reads it (the form a browser follows), and only if it needed no repair.
		const hosted = token.url == null ? 'is missing' : parse(token.url);
		return typeof hosted === 'string' ? refuse('token.url', hosted) : ok(hosted.href);
	}
	const base = parse(baseUrl);
	if (typeof base === 'string') return refuse('options.baseUrl', base);
	let redirect: URL | string | undefined;
	if (redirectUrl !== undefined) {
		// Resolved against the page as it is before the ticket goes in, so the redirect can never
		// carry the ticket (into browser history and `Referer`).
		redirect = parse(redirectUrl, base.href);
		if (typeof redirect !== 'string' && redirect.origin + redirect.pathname === base.origin + base.pathname) {
			redirect = 'leads back to the sign-in page itself';
		}
		if (typeof redirect !== 'string' && redirect.searchParams.has(TICKET)) redirect = `carries a ${TICKET}`;
		if (typeof redirect === 'string') return refuse('options.redirectUrl', redirect);
	}
	base.searchParams.set(TICKET, ticket);
	if (typeof redirect === 'object') base.searchParams.set('redirect_url', redirect.href);
	return ok(base.href);
}

const TICKET = '__clerk_ticket';
const OPTIONS = ['baseUrl', 'redirectUrl'];

// A URL for a link, or why it is not one. The URL parser silently drops tabs and line breaks and
// trims spaces and control characters; a string holding them is refused rather than repaired.
function parse(value: unknown, base?: string): URL | string {
	if (typeof value !== 'string') return 'must be a string';
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'holds whitespace or control characters, which a URL never carries raw';
	let url: URL;
	try {
		url = new URL(value, base);
	} catch {
		return 'is not a URL';
	}
	// https only: javascript:, data: and plain http: (off loopback) are refused.
	if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))) return 'must be an https: URL (http: only for localhost)';
	// `https://app.example.com@evil.example/` hides its real host: credentials are never a link's.
	return url.username || url.password ? 'must not carry credentials (user:password@)' : url;
}
