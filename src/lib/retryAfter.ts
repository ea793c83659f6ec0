// The wait a 429/503 asks for, read as ky 2.2 reads it (its `core/retry-timing`): `Retry-After`
// first, and only without it `RateLimit-Reset`, `X-RateLimit-Retry-After`, then
// `X-RateLimit-Reset` / `X-Rate-Limit-Reset`; delay seconds, a reset value from 1e9 s on as a Unix
// time, or an HTTP-date (RFC 9110 §5.6.7). Two differences, on purpose. Whitespace around the
// value, which Node 24's fetch can leave in a header, is not part of it (ky would read `" 7 "` as
// no wait at all). And an HTTP-date is read by the platform's `Date.parse`, where ky 2.2 parses the
// three forms itself: the two agree on every real date in the IMF form servers send, and differ
// only where ky refuses what `Date.parse` reads anyway (a day that does not exist, `24:00`, an
// unknown weekday name), on a leap second, and on RFC 850's obsolete two-digit years — an exact
// copy of ky's parser would cost every bundle 319 B gzip (BENCHMARKS.md). The pipeline hands this wait to ky itself (pipeline/retry.ts), so
// what is judged is what is slept.

// RFC 9110's three HTTP-date shapes (IMF-fixdate, RFC 850, asctime); anything else, an ISO date
// included, is malformed, as ky reads it. Linear: no nested quantifiers.
const HTTP_DATE =
	/^(?:[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2,5}day, \d\d-[A-Z][a-z]{2}-\d\d) \d\d:\d\d:\d\d GMT$|^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/;

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
	// Whitespace around the value is not part of it: HTTP's optional whitespace (RFC 9110 §5.6.3),
	// and any other a header can hold (a no-break space, a vertical tab), as `trim` knows them.
	value = value.trim();
	if (/^\d+$/.test(value)) {
		// From 1e9 s (2001-09-09) on, a reset value is a Unix time: a delay of 32 years is not one.
		const s = Number(value);
		return Math.max(0, s * 1000 - (stamp && s >= 1e9 ? Date.now() : 0));
	}
	// asctime carries no zone: it is GMT (RFC 9110), which Date.parse must be told.
	const date = HTTP_DATE.test(value) ? Date.parse(value.endsWith('GMT') ? value : `${value} GMT`) : Number.NaN;
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
