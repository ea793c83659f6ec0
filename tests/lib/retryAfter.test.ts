// The wait a 429/503 asks for, read as ky 2.2 reads it — every header form ky knows, checked
// against ky's own sleep and, for random values, against ky's own parser — but for the whitespace
// around a value that Node 24's fetch leaves in a header, which ky would read as no wait at all,
// and the HTTP-dates ky refuses that Date.parse reads (each such difference is listed here).
import { createServer } from 'node:net';
import fc from 'fast-check';
import ky from 'ky';
import nock from 'nock';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { retryAfterMs } from '../../src/lib/retryAfter.ts';
import { policy } from '../../src/retry.ts';
import { calculateRetryTimingDelay, getRetryTimingHeader } from '../../node_modules/ky/distribution/core/retry-timing.js';
import { KEY, wireToken } from '../helpers/wire.ts';

afterEach(() => {
	vi.useRealTimers();
});

const now = Date.UTC(2026, 10, 28, 12, 0, 0);
const s = now / 1000;
// ky 2.2's reading, from its own module: what the declared ky would wait.
const kyReads = (headers: Headers) => {
	const header = getRetryTimingHeader(headers);
	return header && calculateRetryTimingDelay(header);
};

describe('every header form, as ky 2.2 sleeps it', () => {
	// ky's own sleep, observed: a 429 with the headers, then a 200, on fake Date; the delay ky
	// passes to setTimeout is the wait it applies. Each row's wait must equal ours.
	const rows: [string, Record<string, string>, number][] = [
		['delay-seconds', { 'retry-after': '7' }, 7_000],
		['zero', { 'retry-after': '0' }, 0],
		['an IMF-fixdate', { 'retry-after': 'Sat, 28 Nov 2026 12:00:09 GMT' }, 9_000],
		['an IMF-fixdate whose weekday is wrong (ky does not check it)', { 'retry-after': 'Mon, 28 Nov 2026 12:00:09 GMT' }, 9_000],
		['an RFC 850 date', { 'retry-after': 'Saturday, 28-Nov-26 12:00:05 GMT' }, 5_000],
		['an asctime date', { 'retry-after': 'Sat Nov 28 12:00:03 2026' }, 3_000],
		['an asctime date with a one-digit day', { 'retry-after': 'Sun Dec  6 12:00:00 2026' }, 8 * 86_400_000],
		['a date in the past', { 'retry-after': 'Sat, 28 Nov 2026 11:59:00 GMT' }, 0],
		['Retry-After over the reset headers', { 'retry-after': '3', 'ratelimit-reset': '50' }, 3_000],
		['RateLimit-Reset in seconds', { 'ratelimit-reset': '4' }, 4_000],
		['RateLimit-Reset as a Unix time', { 'ratelimit-reset': String(s + 11) }, 11_000],
		['a reset of 999,999,999 s: below 1e9, so seconds (32 years), not a Unix time', { 'ratelimit-reset': '999999999' }, 999_999_999_000],
		['a reset of exactly 1e9: a Unix time, long past', { 'ratelimit-reset': '1000000000' }, 0],
		['a Unix time before 2024 (ky 2.1 read it as 54 years of seconds)', { 'x-ratelimit-reset': '1700000000' }, 0],
		['X-RateLimit-Retry-After, never a Unix time', { 'x-ratelimit-retry-after': String(s + 6) }, (s + 6) * 1000],
		['X-RateLimit-Reset as a Unix time', { 'x-ratelimit-reset': String(s + 13) }, 13_000],
		['X-Rate-Limit-Reset as a Unix time', { 'x-rate-limit-reset': String(s + 2) }, 2_000],
		['RateLimit-Reset over X-RateLimit-Reset', { 'ratelimit-reset': '5', 'x-ratelimit-reset': '9' }, 5_000],
	];

	test.each(rows)('%s', async (_, headers, wait) => {
		vi.useFakeTimers({ now, toFake: ['Date'] });
		const waits: number[] = [];
		const real = globalThis.setTimeout;
		vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
			waits.push(ms ?? 0);
			return real(fn, 0);
		}) as typeof setTimeout);
		let n = 0;
		const fetch = async () => (n++ === 0 ? new Response('', { status: 429, headers }) : new Response('{}'));

		await ky('https://example.com/x', { fetch, retry: { limit: 1, maxRetryAfter: Number.POSITIVE_INFINITY }, timeout: false }).text();

		expect(n).toBe(2);
		// ky caps a sleep at the largest timer; ours is the wait itself.
		expect(waits.at(-1)).toBe(Math.min(wait, 2_147_483_647));
		expect(retryAfterMs(new Headers(headers))).toBe(wait);
	});

	test.each([
		['-5'],
		['1.5'],
		['2026-12-01'],
		['soon'],
		['Sat, 28 Nov 2026 12:00:00 UTC'],
		['sat, 28 nov 2026 12:00:00 GMT'],
		['Sat, 28-Nov-2026 12:00:00 GMT'],
		['Saturday, 28 Nov 26 12:00:00 GMT'],
	])('%j is no wait, as ky reads it too (ky then falls back to its backoff)', (value) => {
		vi.useFakeTimers({ now, toFake: ['Date'] });
		expect(retryAfterMs(new Headers({ 'retry-after': value }))).toBeUndefined();
		expect(kyReads(new Headers({ 'retry-after': value }))).toBeUndefined();
	});

	test('any number in any header, and any real IMF-fixdate, reads as ky 2.2 reads it (property, against ky’s own parser)', () => {
		vi.useFakeTimers({ now, toFake: ['Date'] });
		const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
		const value = fc.oneof(
			fc.nat({ max: 4_000_000_000 }).map(String),
			fc.constantFrom('0', '999999999', '1000000000', String(s), String(s + 1)),
			// A real instant from 1000 to 9999 as IMF-fixdate, with any weekday name (ky checks none).
			fc
				.tuple(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31) }), fc.constantFrom(...days))
				.map(([ms, day]) => `${day}${new Date(Math.floor(ms / 1000) * 1000).toUTCString().slice(3)}`),
			fc.string(),
		);
		const name = fc.constantFrom('retry-after', 'ratelimit-reset', 'x-ratelimit-retry-after', 'x-ratelimit-reset', 'x-rate-limit-reset');
		fc.assert(
			fc.property(fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n, maxLength: 3 }), (pairs) => {
				let headers: Headers;
				try {
					headers = new Headers(pairs);
				} catch {
					return; // a value no header can hold
				}
				// fc.string() may happen on a date shape ky refuses and Date.parse reads: not these.
				if (pairs.some(([, v]) => /^[A-Z][a-z]{2}/.test(v) && !/^\d+$/.test(v) && !/^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat), \d\d /.test(v))) return;
				expect(retryAfterMs(headers)).toBe(kyReads(headers));
			}),
			{ numRuns: 2_000 },
		);
	});

	// Where an HTTP-date is one ky refuses and Date.parse reads, or a leap second, or an obsolete
	// RFC 850 year: each difference, as it stands (see src/lib/retryAfter.ts). Dates in the past are
	// no wait either way; these are the ones in the future, where the two disagree.
	test.each([
		['a day that does not exist', 'Mon, 31 Nov 2026 12:00:00 GMT', 3 * 86_400_000],
		['an hour of 24', 'Sat, 28 Nov 2026 24:00:00 GMT', 12 * 3_600_000],
		['a weekday name that is none', 'Foo, 28 Nov 2026 12:00:09 GMT', 9_000],
		['a leap second', 'Sat, 28 Nov 2026 12:00:60 GMT', 0],
		['an RFC 850 year of 70 (ky: 2070, the latest not 50 years ahead; Date.parse: 1970)', 'Wednesday, 28-Nov-70 12:00:00 GMT', 0],
	])('differs from ky on %s: %j', (_, value, ours) => {
		vi.useFakeTimers({ now, toFake: ['Date'] });
		const headers = new Headers({ 'retry-after': value });
		expect(retryAfterMs(headers)).toBe(ours);
		expect(kyReads(headers)).not.toBe(ours);
	});
});

describe('whitespace around a value, which Node 24’s fetch leaves in a header', () => {
	// Headers built in JavaScript are trimmed; a header as Node's fetch parsed it off the wire is
	// not: the value is handed over as it stood, so a stand-in Headers gives it so.
	const raw = (value: string) => ({ get: (name: string) => (name === 'retry-after' ? value : null) }) as unknown as Headers;

	test.each([
		['" 7 "', ' 7 ', 7_000],
		['"7 \\t" (what Node 24 gives for `Retry-After:  7 \\t`)', '7 \t', 7_000],
		['a padded IMF-fixdate', ' Sat, 28 Nov 2026 12:00:09 GMT\t', 9_000],
	])('%s is read as its value, where ky reads no wait at all', (_, value, wait) => {
		vi.useFakeTimers({ now, toFake: ['Date'] });
		expect(retryAfterMs(raw(value))).toBe(wait);
		expect(kyReads(raw(value))).toBeUndefined();
	});

	test.each([['7\u00a0'], ['\u000b7\u000c']])('%j: other whitespace a header can hold is not part of it either', (value) => {
		expect(retryAfterMs(raw(value))).toBe(7_000);
	});

	test.each([['7 seconds'], ['7.0'], ['+7']])('%j stays malformed: only whitespace around a value is dropped', (value) => {
		expect(retryAfterMs(raw(value))).toBeUndefined();
	});

	test('over a real socket, a revoke told `Retry-After:  7 \\t` waits 7 s before it retries, not ky’s backoff', async () => {
		nock.enableNetConnect('127.0.0.1');
		const answers = [
			'HTTP/1.1 429 Too Many Requests\r\nRetry-After:  7 \t\r\nContent-Length: 0\r\n\r\n',
			`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${JSON.stringify(wireToken).length}\r\n\r\n${JSON.stringify(wireToken)}`,
		];
		let requests = 0;
		const server = createServer((socket) => socket.on('data', () => socket.write(answers[Math.min(requests++, 1)] as string)));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const waits: number[] = [];
		const real = globalThis.setTimeout;
		// The 7 s sleep is recorded and run at once; every other timer runs as asked.
		vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
			waits.push(ms ?? 0);
			return real(fn, ms === 7_000 ? 0 : ms);
		}) as typeof setTimeout);
		try {
			const port = (server.address() as { port: number }).port;
			const core = new ClerkCore({ secretKey: KEY, serverURL: `http://127.0.0.1:${port}/v1`, timeoutMs: 60_000, retry: policy({ jitter: false }) });

			const res = await signInTokensRevoke(core, { signInTokenId: 'sit_1' });

			expect(res.ok).toBe(true);
			expect(requests).toBe(2);
			expect(waits).toContain(7_000);
			expect(waits).not.toContain(300); // ky's first backoff step
		} finally {
			server.close();
			nock.disableNetConnect();
		}
	});
});
