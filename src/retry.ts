// The `clerk-sign-in-tokens/retry` entry: a retry policy other than the operations' own, for the
// core's or a call's `retry`. The checks of its fields and how it layers live here: a core that
// only sets a limit (`retry: 0`) carries none of them.
import { MAX_TIMER_MS } from './lib/checks.ts';
import { register } from './lib/option.ts';
import { unknownKey } from './lib/unknownKey.ts';
import type { RetryPolicy } from './pipeline/options.ts';
import type { Policy } from './pipeline/options.ts';
import type { PolicyOption } from './pipeline/types.ts';

export type { RetryPolicy } from './pipeline/options.ts';

/** What `policy` takes: the fields to change, each optional. */
export type PolicyFields = { [K in keyof RetryPolicy]?: RetryPolicy[K] | undefined };

const isMs = (input: unknown) => typeof input === 'number' && input >= 0 && input <= MAX_TIMER_MS;

// Each field's rule, as the message says it and as the check tests it.
const RULES: Record<keyof RetryPolicy, [string, (input: unknown) => boolean]> = {
	limit: ['a whole number 0 to 100', (input) => Number.isInteger(input) && (input as number) >= 0 && (input as number) <= 100],
	statusCodes: [
		'an array of HTTP error statuses, 400 to 599',
		(input) => Array.isArray(input) && input.every((s) => Number.isInteger(s) && s >= 400 && s <= 599),
	],
	networkErrors: ['"any", "unsent" or "none"', (input) => input === 'any' || input === 'unsent' || input === 'none'],
	maxRetryAfter: [`a number of ms, 0 to ${MAX_TIMER_MS}`, isMs],
	backoffLimit: [`a number of ms, 0 to ${MAX_TIMER_MS}`, isMs],
	delay: ['a function of the attempt number', (input) => typeof input === 'function'],
	jitter: ['a boolean', (input) => typeof input === 'boolean'],
};

/**
 * A retry policy that changes only the fields it names, for `retry` on the core (every call) or on
 * one call (laid over the core's). Without it, `retry` takes a limit: `retry: 0` turns retries off.
 * Each operation keeps its own default for the rest: create is retried only when the request
 * provably was not processed, revoke on any transient failure.
 *
 * A field given a wrong value is reported where the policy is used — by `new ClerkCore` as a
 * `TypeError`, by a call as an `invalid-request` error at `options.retry` — and nothing is sent.
 *
 * @param fields The fields to change: `limit`, `statusCodes`, `networkErrors`, `maxRetryAfter`,
 *   `backoffLimit`, `delay(attempt)`, `jitter`.
 * @returns The policy.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ retry: policy({ statusCodes: [429, 500, 503], limit: 3 }) });
 * ```
 */
export function policy(fields: PolicyFields): Policy {
	let issue: string | undefined;
	const set: Partial<RetryPolicy> = {};
	if (typeof fields !== 'object' || fields === null) issue = 'must be policy({ … }) of an object of fields';
	else {
		for (const [field, value] of Object.entries(fields)) {
			const rule = RULES[field as keyof RetryPolicy] as [string, (input: unknown) => boolean] | undefined;
			if (!Object.hasOwn(RULES, field) || !rule) issue ??= `${unknownKey(field, Object.keys(RULES), 'policy field')}`;
			else if (value !== undefined && !rule[1](value)) issue ??= `has a policy ${field} that must be ${rule[0]}`;
			// Copied as given now: a list changed later changes nothing.
			else if (value !== undefined) Object.assign(set, { [field]: Array.isArray(value) ? [...value] : value });
		}
	}
	const option = ((base: RetryPolicy) => ({ ...base, ...set })) as PolicyOption;
	option.issue = issue;
	return register('retry', option);
}
