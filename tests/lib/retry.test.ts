import { describe, expect, test, vi } from 'vitest';
import { resolveRetry, retryAfterMs, retryTransient, retryWhenUnprocessed } from '../../src/lib/retry.ts';

describe('retryAfterMs', () => {
	test.each([
		['0', 0],
		['1', 1_000],
		[' 120 ', 120_000],
		['999999', 999_999_000],
	])('reads delay-seconds %j as %i ms', (value, ms) => {
		expect(retryAfterMs(value)).toBe(ms);
	});

	test('reads an HTTP-date as the time left until it, and a past date as 0', () => {
		vi.useFakeTimers({ now: Date.parse('2026-11-23T10:00:00Z'), toFake: ['Date'] });
		try {
			expect(retryAfterMs('Mon, 23 Nov 2026 10:00:05 GMT')).toBe(5_000);
			expect(retryAfterMs('Mon, 23 Nov 2026 09:00:00 GMT')).toBe(0);
		} finally {
			vi.useRealTimers();
		}
	});

	test.each([null, '', '-5', '1.5', 'soon', '5s'])('returns undefined for the malformed or absent %j', (value) => {
		expect(retryAfterMs(value)).toBeUndefined();
	});
});

describe('resolveRetry', () => {
	test('keeps the default policies as the issue states them', () => {
		expect(retryWhenUnprocessed).toEqual({ limit: 2, statusCodes: [429, 503], networkErrors: 'unsent', maxRetryAfter: 60_000, backoffLimit: 5_000, jitter: true });
		expect(retryTransient).toEqual({ limit: 2, statusCodes: [429, 500, 502, 503, 504], networkErrors: 'any', maxRetryAfter: 60_000, backoffLimit: 5_000, jitter: true });
	});

	test('lays the core and the call over the default, field by field, a number being a limit', () => {
		expect(resolveRetry(retryWhenUnprocessed, { statusCodes: [429], jitter: false }, 5)).toEqual({ ...retryWhenUnprocessed, statusCodes: [429], jitter: false, limit: 5 });
	});

	test('ignores fields set to undefined instead of erasing the default', () => {
		expect(resolveRetry(retryTransient, { limit: undefined, statusCodes: undefined }, undefined)).toEqual(retryTransient);
	});
});
