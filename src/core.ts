// The `clerk-sign-in-tokens/core` entry: `ClerkCore`, the settings it takes and the options every
// call takes. What the core checks and keeps is the pipeline's (pipeline/config.ts); the opt-in
// settings are values made by their own entries, so a core that sets none carries none of them.
import type { Assert, Equal } from './lib/equal.ts';
import type { ConfigSchema, CallOptionsSchema } from './pipeline/config.ts';
import { listIssues } from './lib/validate.ts';
import { configure } from './pipeline/config.ts';
import type { Budget, ExtraBody, Logger, RetryOption, SecretKeySource, Transport } from './pipeline/options.ts';
import type * as v from 'valibot';

export type { Budget, ExtraBody, Logger, Policy, RetryOption, SecretKeySource, Transport } from './pipeline/options.ts';

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
	/** Deadline of a whole call — key, hooks, attempts, backoff, body — in ms; default 10000. */
	timeoutMs?: number | undefined;
	/** A retry limit (`0` turns retries off), or `policy({ … })` to change each operation's default policy. */
	retry?: RetryOption | undefined;
	/** Extra headers for every request. They cannot replace the SDK's own protocol headers. */
	headers?: HeadersInit | undefined;
	/** Largest response body read, in bytes, error bodies included; default 1 MiB. */
	maxResponseBytes?: number | undefined;
	/**
	 * Lets calls run in a browser page (a `window` with a `document`). Off by default: a secret key
	 * in a page is readable by anyone, so calls there return a `SecretKeyError` instead.
	 */
	dangerouslyAllowBrowser?: boolean | undefined;
	/** Structured events at each step of every call: `events(handler)` or `openTelemetry(tracer)`. */
	logger?: Logger | undefined;
	/** A custom `fetch` (a proxy, a test double) and hooks around each attempt: `transport({ fetch, hooks })`. */
	transport?: Transport | undefined;
	/** A request budget shared with other processes: `redisBudget()`, `durableObjectBudget()` or `budget(engine)`; default none. */
	budget?: Budget | undefined;
}

/** Options of one call, each overriding the core's setting for that call only. */
export interface RequestOptions {
	/** Aborts the call; it then resolves to an `AbortedError`. */
	signal?: AbortSignal | undefined;
	/** Deadline of the whole call, in ms. */
	timeoutMs?: number | undefined;
	/** A retry limit, or `policy({ … })`, laid over the core's setting. */
	retry?: RetryOption | undefined;
	/** Extra request headers. They cannot replace `Authorization`, `Accept`, `Content-Type` or `Clerk-API-Version`. */
	headers?: HeadersInit | undefined;
	/**
	 * Body fields this SDK does not model yet — `extra({ locale: 'fr' })`, in Clerk's snake_case —
	 * for a field Clerk added before a release of ours (see `extra`).
	 */
	extraBody?: ExtraBody | undefined;
}

// Each public shape has the keys its schema checks, so a field added to one side alone fails `tsc`.
type _ConfigKeys = Assert<Equal<keyof ClerkCoreConfig, keyof v.InferInput<typeof ConfigSchema>>>;
type _CallKeys = Assert<Equal<keyof RequestOptions, keyof v.InferInput<typeof CallOptionsSchema>>>;

/**
 * Holds the configuration shared by the operation functions. It validates once and stores; it
 * does no I/O and starts no timer, so creating one costs nothing until a call is made.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ secretKey: process.env.CLERK_SECRET_KEY });
 * ```
 */
export class ClerkCore {
	// Nominal: any other object, however shaped, is not a core to the type checker either.
	declare private readonly brand: never;

	/**
	 * @param config The settings; omitted fields take their defaults.
	 * @throws {TypeError} When a setting is malformed or unknown (`apiUrl` — did you mean `serverURL`?).
	 */
	constructor(config?: ClerkCoreConfig) {
		const issues = configure(this, config);
		if (issues.length) throw new TypeError(`Invalid ClerkCore config: ${listIssues(issues)}`);
	}
}
