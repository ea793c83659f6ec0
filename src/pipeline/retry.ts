// A retry policy (core/retry.ts) in ky's words: which failures ky may retry, and how long it may
// wait, never past the call's deadline.
import type { RetryOptions } from 'ky';
import { isHTTPError, isNetworkError } from 'ky';
import type { RetryPolicy } from '../core/retry.ts';

/**
 * Translates a policy into ky's `retry` option.
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
	return {
		...fixedPart(policy, method),
		// No backoff outlasts the call: ky's sleep ends by the deadline without needing its signal
		// (handing ky a signal costs every call an AbortSignal.any). Full jitter when asked.
		jitter: (delay) => Math.max(0, Math.min(policy.jitter ? Math.random() * delay : delay, remainingMs())),
		shouldRetry: ({ error }) => {
			if (isHTTPError(error)) {
				// The same wait ky would sleep; past the cap or the deadline it buys nothing, so the
				// 429/503 is returned now, with `retryAfter` telling the caller when to come back.
				const wait = waitOf(error.response);
				if (wait !== undefined && (wait > policy.maxRetryAfter || wait >= remainingMs())) return false;
				return undefined; // ky checks the status list and honours the wait.
			}
			const cause = isNetworkError(error) ? error.cause : error;
			if (!isFetchFailure(cause)) return false;
			return policy.networkErrors === 'any' || (policy.networkErrors === 'unsent' && isUnsent(cause));
		},
	};
}

// The part of ky's options a policy fixes, built once per policy (an operation's default, reused by
// every call that does not change it) and per method.
const fixed = new WeakMap<RetryPolicy, Record<string, RetryOptions>>();

function fixedPart(policy: RetryPolicy, method: string): RetryOptions {
	let byMethod = fixed.get(policy);
	if (!byMethod) fixed.set(policy, (byMethod = {}));
	return (byMethod[method] ??= {
		limit: policy.limit,
		// ky leaves POST out of retries by default; each operation's policy says when it is safe.
		methods: [method.toLowerCase()],
		statusCodes: [...policy.statusCodes],
		afterStatusCodes: [...policy.statusCodes],
		maxRetryAfter: policy.maxRetryAfter,
		backoffLimit: policy.backoffLimit,
		...(policy.delay ? { delay: policy.delay } : {}),
		retryOnTimeout: false,
	});
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
