// Retry: the two named policies the operations use, and a policy in ky's
// words — which failures ky may retry, and how long it waits: the wait a response asked for, read
// once by the attempt (lib/retryAfter.ts), or the policy's backoff, never past the call's deadline.
import type { RetryOptions } from 'ky';
import { isHTTPError, isNetworkError } from 'ky';
import type { RetryPolicy } from './options.ts';

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
 * Translates a policy into ky's `retry` option. ky reads no retry header itself: it would read
 * `Retry-After: " 7 "` (whitespace Node's fetch can leave) as no wait at all, and sleep its backoff
 * instead of the seven seconds the server asked for. The wait the attempt read is handed to ky
 * through its `jitter` hook, which ky calls with every delay it is about to sleep.
 *
 * @param policy The policy.
 * @param method The operation's method.
 * @param remainingMs The time left before the call's deadline.
 * @param waitOf The wait an error response asked for, in ms (read once, by the attempt).
 * @param isFetchFailure Tells whether an error is a rejection of `fetch` itself (not of a hook).
 * @returns ky's retry options.
 */
export function toKyRetry(
	policy: RetryPolicy,
	method: string,
	remainingMs: () => number,
	waitOf: (response: Response) => number | undefined,
	isFetchFailure: (error: unknown) => boolean,
): RetryOptions {
	// What the last failure asked for, set by `shouldRetry` (which ky runs before every delay).
	let wait: number | undefined;
	return {
		...fixedPart(policy, method),
		// The server's wait as it is, else the backoff (full jitter when asked, capped); neither
		// outlasts the call, so ky's sleep ends by the deadline without needing its signal (handing
		// ky a signal costs every call an AbortSignal.any).
		jitter: (delay) => Math.max(0, Math.min(wait ?? Math.min(policy.jitter ? Math.random() * delay : delay, policy.backoffLimit), remainingMs())),
		shouldRetry: ({ error }) => {
			wait = undefined;
			if (isHTTPError(error)) {
				// Past the cap or the deadline the wait buys nothing, so the 429/503 is returned now,
				// with `retryAfter` telling the caller when to come back.
				wait = waitOf(error.response);
				if (wait !== undefined && (wait > policy.maxRetryAfter || wait >= remainingMs())) return false;
				return undefined; // ky checks the status list.
			}
			const cause = isNetworkError(error) ? error.cause : error;
			if (!isFetchFailure(cause)) return false;
			return policy.networkErrors === 'any' || (policy.networkErrors === 'unsent' && isUnsent(cause));
		},
	};
}

// The part of ky's options a policy fixes. (Cached per policy, it saved no instruction worth its
// bytes once policies are laid per call: BENCHMARKS.md.)
function fixedPart(policy: RetryPolicy, method: string): RetryOptions {
	return {
		limit: policy.limit,
		// ky leaves POST out of retries by default; each operation's policy says when it is safe.
		methods: [method.toLowerCase()],
		statusCodes: [...policy.statusCodes],
		// ky reads no wait header (see above); its backoff cap is applied in `jitter`, before the
		// server's wait, which only `maxRetryAfter` caps.
		afterStatusCodes: [],
		backoffLimit: Number.POSITIVE_INFINITY,
		...(policy.delay ? { delay: policy.delay } : {}),
		retryOnTimeout: false,
	};
}

// Failures that happen before a byte is sent, as each runtime reports them in an error's code or
// message, down its cause chain: Node's errno codes, Bun's codes, Deno's and workerd's messages.
const UNSENT = /^(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ConnectionRefused|FailedToOpenSocket)$|connection refused|dns error|failed to lookup|getaddrinfo/i;

function isUnsent(error: unknown): boolean {
	try {
		for (let depth = 0; depth < 5 && error instanceof Error; depth++) {
			if (UNSENT.test(String((error as { code?: unknown }).code)) || UNSENT.test(error.message)) return true;
			error = error.cause;
		}
	} catch {
		// A getter that throws proves nothing.
	}
	return false;
}
