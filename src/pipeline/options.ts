// The opt-in settings as users see them: opaque values made by their own entries (`events()`,
// `transport()`, `budget()`, `policy()`, `extra()`), so a hover reads `Logger`, not the pipeline's
// internals (pipeline/types.ts), and no declaration of a public entry reaches a library's types.

/** Where a secret key comes from: the key, or a function called before every request (rotation). */
export type SecretKeySource = string | (() => string | Promise<string>);

// Only the type checker sees the brand: at run time the core knows an option by lib/option.ts.
declare const made: unique symbol;

/**
 * A logger, for `ClerkCoreConfig.logger`: made by `events(handler)` (`clerk-sign-in-tokens/events`)
 * or `openTelemetry(tracer)` (`clerk-sign-in-tokens/otel`).
 */
export interface Logger {
	/** Made by `events()` or `openTelemetry()`, never by hand. */
	readonly [made]: 'logger';
}

/** A custom `fetch` and hooks, for `ClerkCoreConfig.transport`: made by `transport()` (`clerk-sign-in-tokens/transport`). */
export interface Transport {
	/** Made by `transport()`, never by hand. */
	readonly [made]: 'transport';
}

/**
 * A request budget shared beyond this process, for `ClerkCoreConfig.budget`: made by `budget()`
 * (`clerk-sign-in-tokens/budget`, for an engine of your own), `redisBudget()` or `durableObjectBudget()`.
 */
export interface Budget {
	/** Made by a budget factory, never by hand. */
	readonly [made]: 'budget';
}

/** A retry policy, for `retry`: made by `policy()` (`clerk-sign-in-tokens/retry`). */
export interface Policy {
	/** Made by `policy()`, never by hand. */
	readonly [made]: 'retry';
}

/** Body fields the SDK does not model yet, for `RequestOptions.extraBody`: made by `extra()` (`clerk-sign-in-tokens/extra`). */
export interface ExtraBody {
	/** Made by `extra()`, never by hand. */
	readonly [made]: 'extra';
}

/** A retry setting: a number is a `limit`; a `policy({ … })` changes the fields it names. */
export type RetryOption = number | Policy;

/** When a failed attempt is tried again. Field names follow ky's `retry` option where ky has one. */
export interface RetryPolicy {
	/** Retries after the first attempt; `0` turns retries off. */
	limit: number;
	/** HTTP statuses that are retried. */
	statusCodes: readonly number[];
	/**
	 * Which network failures are retried: `"any"`, `"none"`, or only `"unsent"` ones that prove the
	 * request never left (connection refused, DNS failure).
	 */
	networkErrors: 'any' | 'unsent' | 'none';
	/** Longest wait a 429/503 may ask for, in ms; a longer one ends the call with it at once. */
	maxRetryAfter: number;
	/** Longest backoff delay between attempts, in ms. */
	backoffLimit: number;
	/** Backoff before retry number `attempt` (from 1), in ms; ky's 300·2ⁿ⁻¹ by default. */
	delay?: ((attempt: number) => number) | undefined;
	/** Randomize each backoff between 0 and its value (full jitter), so clients do not retry in step. */
	jitter: boolean;
}
