import * as v from 'valibot';
import type { Hooks } from 'ky';
import { ConfigSchema } from './options.ts';
import type { FetchLike } from './options.ts';
import type { RetryOption } from './retry.ts';
import { summarize } from './issues.ts';

/** Where a secret key comes from: the key, or a function called before every request. */
export type SecretKeySource = string | (() => string | Promise<string>);

/** The settings of a `ClerkCore`; every field is optional. */
export interface ClerkCoreConfig {
	/**
	 * The instance's secret key (`sk_live_…`/`sk_test_…`), or a function returning it, called per
	 * request so keys can rotate. Omitted: `CLERK_SECRET_KEY` from `process.env` or `Deno.env`.
	 */
	secretKey?: SecretKeySource | undefined;
	/** Base URL of the Backend API; default `https://api.clerk.com/v1`. `http:` only for loopback. */
	serverURL?: string | undefined;
	/** Sent as `Clerk-API-Version`; default `2026-05-12`, the version this SDK is written against. */
	apiVersion?: string | undefined;
	/** Deadline of a whole call, retries and body read included, in ms; default 10000. */
	timeoutMs?: number | undefined;
	/** Widens, narrows (`0`) or replaces each operation's default retry policy. */
	retry?: RetryOption | undefined;
	/** A custom `fetch` (a proxy, a test double); default the platform's. */
	fetch?: FetchLike | undefined;
	/** ky's hooks, passed through (`beforeRequest`, `afterResponse`, `beforeRetry`, `beforeError`). */
	hooks?: Hooks | undefined;
	/** Extra headers for every request. They cannot replace the SDK's own protocol headers. */
	headers?: HeadersInit | undefined;
	/** Largest response body read, in bytes; default 1 MiB. A larger body is refused unread. */
	maxResponseBytes?: number | undefined;
	/**
	 * Lets calls run in a browser page (a `window` with a `document`). Off by default: a secret key
	 * in a page is readable by anyone, so calls there return a `SecretKeyError` instead.
	 */
	dangerouslyAllowBrowser?: boolean | undefined;
}

/** A `ClerkCoreConfig` with its defaults applied. */
export interface ResolvedConfig {
	secretKey: SecretKeySource | undefined;
	serverURL: string;
	apiVersion: string;
	timeoutMs: number;
	retry: RetryOption | undefined;
	fetch: FetchLike;
	hooks: Hooks | undefined;
	headers: Record<string, string>;
	maxResponseBytes: number;
	dangerouslyAllowBrowser: boolean;
}

// Looked up per call, never at module scope: Workers throw "Illegal invocation" for an unbound
// fetch and some runtimes install it late (clerk/javascript#8459).
const platformFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

let read: (core: unknown) => ResolvedConfig | undefined;

/**
 * Holds the configuration shared by the operation functions. It validates once and stores;
 * it does no I/O and starts no timer, so creating one costs nothing until a call is made.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ secretKey: env.CLERK_SECRET_KEY });
 * ```
 */
export class ClerkCore {
	readonly #config: ResolvedConfig;

	/**
	 * @param config The settings; omitted fields take their defaults.
	 * @throws {TypeError} When a setting is malformed (a non-URL `serverURL`, a negative timeout…).
	 */
	constructor(config?: ClerkCoreConfig) {
		let parsed;
		try {
			parsed = v.safeParse(ConfigSchema, config, { abortPipeEarly: true });
		} catch {
			// A getter or proxy trap that throws: the config cannot be read, which is a malformed config.
			throw new TypeError('Invalid ClerkCore config: config could not be read');
		}
		if (!parsed.success) throw new TypeError(`Invalid ClerkCore config: ${summarize(parsed.issues)}`);
		const c = parsed.output;
		this.#config = {
			secretKey: c.secretKey as SecretKeySource | undefined,
			serverURL: c.serverURL ?? 'https://api.clerk.com/v1',
			apiVersion: c.apiVersion ?? '2026-05-12',
			timeoutMs: c.timeoutMs ?? 10_000,
			retry: c.retry as RetryOption | undefined,
			fetch: (c.fetch as FetchLike | undefined) ?? platformFetch,
			hooks: c.hooks,
			headers: c.headers ?? {},
			maxResponseBytes: c.maxResponseBytes ?? 1_048_576,
			dangerouslyAllowBrowser: c.dangerouslyAllowBrowser === true,
		};
	}

	static {
		read = (core) => (typeof core === 'object' && core !== null && #config in core ? core.#config : undefined);
	}
}

/**
 * Reads a core's configuration, for the pipeline only (not part of the public API).
 *
 * @param core What the caller passed as the core.
 * @returns Its configuration, or `undefined` when it is not a `ClerkCore`.
 */
export function configOf(core: unknown): ResolvedConfig | undefined {
	return read(core);
}
