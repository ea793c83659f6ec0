import { SecretKeyError } from './errors/SecretKeyError.ts';
import type { SecretKeySource } from './config.ts';

// A header value must be visible ASCII to be sent unchanged by every runtime (RFC 9110 §5.5);
// Clerk's keys (`sk_<environment>_<secret>`) are. CR/LF here would split the request.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Resolves the key for one request: the configured string, the provider's answer, or the
 * environment's `CLERK_SECRET_KEY`.
 *
 * @param source The core's `secretKey` setting.
 * @param allowBrowser The core's `dangerouslyAllowBrowser` setting.
 * @returns The key, or a `SecretKeyError` that says why there is none and never quotes it.
 */
export async function resolveSecretKey(source: SecretKeySource | undefined, allowBrowser: boolean): Promise<string | SecretKeyError> {
	// The secret key grants full control of the instance; in a page, anyone can read it. Workers,
	// edge runtimes, Deno, Bun and Node have no `document`, so they are not refused.
	const g = globalThis as { window?: unknown; document?: unknown };
	if (!allowBrowser && typeof g.window === 'object' && typeof g.document === 'object') {
		return new SecretKeyError('must not be used in a browser page, where anyone can read it (dangerouslyAllowBrowser: true allows it)');
	}
	let key: unknown;
	if (typeof source === 'function') {
		try {
			key = await source();
		} catch (cause) {
			return new SecretKeyError('provider threw', { cause });
		}
	} else {
		key = source ?? readEnv();
	}
	if (key === undefined) {
		return new SecretKeyError('is not configured: pass `secretKey` or set CLERK_SECRET_KEY');
	}
	if (typeof key !== 'string') return new SecretKeyError('must be a string');
	if (key === '') return new SecretKeyError('is empty');
	if (!HEADER_SAFE.test(key)) {
		return new SecretKeyError('contains whitespace, control or non-ASCII characters, which a header cannot carry');
	}
	return key;
}

// Read per call and through globalThis, so runtimes without `process` or `Deno` (Workers, browsers)
// never see a ReferenceError, and a Deno without --allow-env gets "not configured" instead of a throw.
function readEnv(): unknown {
	const g = globalThis as { process?: { env?: Record<string, unknown> }; Deno?: { env?: { get(name: string): unknown } } };
	try {
		return g.process?.env?.CLERK_SECRET_KEY ?? g.Deno?.env?.get('CLERK_SECRET_KEY');
	} catch {
		return undefined;
	}
}
