import type { SecretKeySource } from './options.ts';
import { SecretKeyError } from '../errors/SecretKeyError.ts';
import { HEADER_SAFE } from '../lib/checks.ts';
import { envKey } from '../lib/env.ts';
import { summarize, withhold } from '../lib/scrub.ts';

// Clerk's keys (`sk_<environment>_<secret>`) are header-safe; anything else cannot be sent as is.

/**
 * Resolves the key for one call: the configured string, the provider's answer, or the
 * environment's `CLERK_SECRET_KEY`. Synchronous unless a provider is configured, so a plain key
 * costs no extra turn of the event loop.
 *
 * @param source The core's `secretKey` setting.
 * @param allowBrowser The core's `dangerouslyAllowBrowser` setting.
 * @returns The key, or a `SecretKeyError` that says why there is none and never quotes it.
 */
export function resolveKey(source: SecretKeySource | undefined, allowBrowser: boolean | undefined): string | SecretKeyError | Promise<string | SecretKeyError> {
	// The secret key grants full control of the instance; in a page, anyone can read it. Workers,
	// edge runtimes, Deno, Bun and Node have no `document`, so they are not refused.
	const g = globalThis as { window?: unknown; document?: unknown };
	if (!allowBrowser && typeof g.window === 'object' && typeof g.document === 'object') {
		return new SecretKeyError('must not be used in a browser page, where anyone can read it (see dangerouslyAllowBrowser)');
	}
	if (typeof source === 'function') {
		let pending: unknown;
		try {
			pending = source();
		} catch (cause) {
			return threw(cause);
		}
		return Promise.resolve(pending).then(check, threw);
	}
	if (source !== undefined) return check(source);
	// Read per call. Deno without --allow-env throws instead of answering.
	try {
		return check(envKey());
	} catch {
		return new SecretKeyError('could not be read from the environment (Deno: run with --allow-env=CLERK_SECRET_KEY), and none was passed');
	}
}

// What a provider threw may quote the very key it was fetching, and no key is known to scrub it
// with: only its name and code are handed over.
const threw = (cause: unknown) => new SecretKeyError('provider threw', summarize(cause, withhold));

function check(key: unknown): string | SecretKeyError {
	if (key === undefined) return new SecretKeyError('is not configured: pass secretKey or set CLERK_SECRET_KEY');
	if (typeof key !== 'string') return new SecretKeyError('must be a string');
	if (key === '') return new SecretKeyError('is empty');
	if (!HEADER_SAFE.test(key)) return new SecretKeyError('holds whitespace, control or non-ASCII characters, which a header cannot carry');
	if (/^pk_(?:test|live)_/.test(key)) return new SecretKeyError('is a publishable key (pk_…); the Backend API needs the secret one (sk_…)');
	return key;
}
