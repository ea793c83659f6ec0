// The wait a 429/503 asks for, read exactly as ky 2 reads it before retrying (its
// `core/retry-timing`), so "return at once when the wait passes the cap or the deadline" judges the
// same wait ky would sleep: `Retry-After` first, and only without it `RateLimit-Reset`,
// `X-RateLimit-Retry-After`, then `X-RateLimit-Reset` / `X-Rate-Limit-Reset`.

// Reset headers may carry a Unix time instead of seconds; ky takes values past 2024-01-01 as one.
const EPOCH_2024_MS = 1_704_067_200_000;

// The three HTTP-date forms of RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime), which ky accepts;
// anything else is malformed, and ky then falls back to its backoff. Linear: no nested quantifiers.
const HTTP_DATE = /^[A-Z][a-z]{2,8}, \d\d[ -][A-Z][a-z]{2}[ -]\d{2,4} \d\d:\d\d:\d\d GMT$|^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;

/**
 * Reads the wait a response asks for before a retry.
 *
 * @param headers The response's headers.
 * @returns The wait in ms (0 for a time in the past), or `undefined` when none is given or the
 *   value is malformed (`-5`, `1.5`, an ISO date).
 */
export function retryAfterMs(headers: Headers): number | undefined {
	let value = headers.get('retry-after');
	let stamp = false;
	for (const [name, isStamp] of [
		['ratelimit-reset', true],
		['x-ratelimit-retry-after', false],
		['x-ratelimit-reset', true],
		['x-rate-limit-reset', true],
	] as const) {
		if (value !== null) break;
		value = headers.get(name);
		stamp = isStamp;
	}
	if (value === null) return undefined;
	if (/^\d+$/.test(value)) {
		const ms = Number(value) * 1000;
		return Math.max(0, stamp && ms >= EPOCH_2024_MS ? ms - Date.now() : ms);
	}
	// asctime carries no zone: it is GMT (RFC 9110), which Date.parse must be told.
	const date = HTTP_DATE.test(value) ? Date.parse(value.endsWith('GMT') ? value : `${value} GMT`) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
