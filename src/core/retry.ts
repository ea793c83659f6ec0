// Retry, in one place: the policy's shape, the checks of its fields, how settings layer, and the
// two named policies the operations use. pipeline/retry.ts translates a policy into ky's options.
import type { Assert, Equal } from '../lib/equal.ts';
import { MAX_TIMER_MS, isFunction } from '../lib/checks.ts';

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

/** A retry setting: a number is a `limit`; an object changes only the fields it names. */
export type RetryOption = number | { [K in keyof RetryPolicy]?: RetryPolicy[K] | undefined };

const isMs = (input: unknown) => typeof input === 'number' && input >= 0 && input <= MAX_TIMER_MS;

/** Whether a value is a retry limit: a whole number from 0 to 100. */
export const isLimit = (input: unknown): boolean => Number.isInteger(input) && (input as number) >= 0 && (input as number) <= 100;

/** The retry policy's fields and their checks, tied to `RetryPolicy`. */
export const RETRY_FIELDS = {
	limit: isLimit,
	statusCodes: (input: unknown) => Array.isArray(input) && input.every((s) => Number.isInteger(s) && s >= 400 && s <= 599),
	networkErrors: (input: unknown) => input === 'any' || input === 'unsent' || input === 'none',
	maxRetryAfter: isMs,
	backoffLimit: isMs,
	delay: isFunction,
	jitter: (input: unknown) => typeof input === 'boolean',
};

type _RetryTied = Assert<Equal<keyof RetryPolicy, keyof typeof RETRY_FIELDS>>;

// Both policies: ky's backoff capped at 5 s, full jitter, Clerk's Retry-After honoured up to a
// minute. Written out in full (no shared spread), so a bundle that needs one carries only that one.

/**
 * For a request that is not idempotent (create; Clerk has no idempotency key): retried only when it
 * provably was not processed — 429 (refused before processing), 503 (not served) and a connection
 * that never opened. A 500/502/504, a timeout or a reset may have done the work.
 */
export const RETRY_UNPROCESSED: RetryPolicy = {
	limit: 2,
	statusCodes: [429, 503],
	networkErrors: 'unsent',
	maxRetryAfter: 60_000,
	backoffLimit: 5_000,
	jitter: true,
};

/** For a request that is harmless to repeat (revoke): 429, the transient 5xx and any network failure. */
export const RETRY_TRANSIENT: RetryPolicy = {
	limit: 2,
	statusCodes: [429, 500, 502, 503, 504],
	networkErrors: 'any',
	maxRetryAfter: 60_000,
	backoffLimit: 5_000,
	jitter: true,
};

/**
 * Lays retry settings over a policy, later ones winning field by field.
 *
 * @param policy The operation's default policy.
 * @param options The core's and the call's settings, in that order.
 * @returns The policy in force.
 */
export function resolvePolicy(policy: RetryPolicy, ...options: (RetryOption | undefined)[]): RetryPolicy {
	for (const option of options) {
		if (typeof option === 'number') policy = { ...policy, limit: option };
		else if (option) for (const [field, value] of Object.entries(option)) if (value !== undefined) policy = { ...policy, [field]: value };
	}
	return policy;
}
