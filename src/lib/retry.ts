import type { RetryOptions as KyRetryOptions } from 'ky';
import { isHTTPError, isNetworkError } from 'ky';

/**
 * When a failed attempt is tried again. Field names follow ky's `retry` option where ky has one.
 */
export interface RetryPolicy {
	/** Retries after the first attempt; `0` turns retries off. */
	limit: number;
	/** HTTP statuses that are retried. */
	statusCodes: readonly number[];
	/**
	 * Which network failures are retried: `"any"`, none, or only `"unsent"` ones that prove the
	 * request never left (connection refused, DNS failure).
	 */
	networkErrors: 'any' | 'unsent' | 'none';
	/** Longest `Retry-After` honoured, in ms; a longer one ends the call with the 429/503. */
	maxRetryAfter: number;
	/** Longest backoff delay between attempts, in ms. */
	backoffLimit: number;
	/** Backoff before retry number `attempt` (from 1), in ms; ky's exponential 300·2ⁿ⁻¹ by default. */
	delay?: ((attempt: number) => number) | undefined;
	/** Randomize each backoff between 0 and its value (full jitter) so clients do not retry in step. */
	jitter: boolean;
}

/** A retry setting: a number is a `limit`; an object changes only the fields it names. */
export type RetryOption = number | { [K in keyof RetryPolicy]?: RetryPolicy[K] | undefined };

// Both defaults: 2 retries, a 60 s cap on `Retry-After` and a 5 s cap on one backoff. Written out
// in full (no shared spread) so a bundle that imports one operation drops the other's policy.

/**
 * For a call that is not idempotent (create): Clerk has no idempotency key, so retry only when the
 * request provably was not processed — 429 (rate limited before processing), 503 (not served) and
 * a connection that never opened. A 500/502/504, a timeout or a reset may have minted a token.
 */
export const retryWhenUnprocessed: RetryPolicy = {
	limit: 2,
	statusCodes: [429, 503],
	networkErrors: 'unsent',
	maxRetryAfter: 60_000,
	backoffLimit: 5_000,
	jitter: true,
};

/**
 * For a call that may be repeated (revoke): 429, the transient 5xx and every network failure. A
 * repeat whose first attempt landed answers 400, since the token is no longer pending.
 */
export const retryTransient: RetryPolicy = {
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
export function resolveRetry(policy: RetryPolicy, ...options: (RetryOption | undefined)[]): RetryPolicy {
	let resolved = policy;
	for (const option of options) {
		if (option !== undefined) {
			resolved = { ...resolved, ...(typeof option === 'number' ? { limit: option } : definedOnly(option)) };
		}
	}
	return resolved;
}

/**
 * Translates a policy into ky's `retry` option.
 *
 * @param policy The policy.
 * @param remainingMs The time left before the call's deadline.
 * @param isFetchFailure Tells whether an error is a rejection of `fetch` itself.
 * @returns ky's retry options.
 */
export function toKyRetry(
	policy: RetryPolicy,
	remainingMs: () => number,
	isFetchFailure: (error: unknown) => boolean,
): KyRetryOptions {
	return {
		limit: policy.limit,
		// ky leaves POST out of retries by default; both operations opt in on purpose.
		methods: ['post'],
		statusCodes: [...policy.statusCodes],
		afterStatusCodes: [...policy.statusCodes],
		maxRetryAfter: policy.maxRetryAfter,
		backoffLimit: policy.backoffLimit,
		...(policy.delay ? { delay: policy.delay } : {}),
		jitter: policy.jitter,
		retryOnTimeout: false,
		shouldRetry: ({ error }) => {
			if (isHTTPError(error)) {
				const wait = retryAfterMs(error.response.headers.get('retry-after'));
				// Sleeping past the cap or the caller's deadline buys nothing: return the 429/503 now.
				if (wait !== undefined && (wait > policy.maxRetryAfter || wait >= remainingMs())) return false;
				return undefined; // ky checks the status list and honours Retry-After.
			}
			const cause = isNetworkError(error) ? error.cause : error;
			if (!isFetchFailure(cause)) return false;
			return policy.networkErrors === 'any' || (policy.networkErrors === 'unsent' && isUnsent(cause));
		},
	};
}

/**
 * Reads `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 *
 * @param value The header value.
 * @returns The wait in ms, or `undefined` when absent or malformed (negative, say).
 */
export function retryAfterMs(value: string | null): number | undefined {
	const text = value?.trim() ?? '';
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	// An HTTP-date names its day and month; anything else ("-5", "1.5") is malformed, not a date.
	const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
	return date > 0 ? Math.max(0, date - Date.now()) : undefined;
}

// Failures that happen before a byte is sent, as each runtime reports them in an error's code or
// message, down its cause chain: Node's errno codes, Bun's codes, Deno's and workerd's messages.
const UNSENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ConnectionRefused|FailedToOpenSocket)$|connection refused|dns error|failed to lookup|getaddrinfo/i;

function isUnsent(error: unknown): boolean {
	for (let depth = 0; depth < 5 && error instanceof Error; depth++) {
		if (UNSENT.test(String((error as Error & { code?: unknown }).code)) || UNSENT.test(error.message)) return true;
		error = error.cause;
	}
	return false;
}

function definedOnly(value: Exclude<RetryOption, number>): Partial<RetryPolicy> {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined));
}
