import { describe, expect, test } from 'vitest';
import { plainHeaders, scrubber, summarize, withhold } from '../../src/lib/scrub.ts';

describe('scrubber', () => {
	test('removes the raw, JSON-escaped and percent-encoded forms of a key', () => {
		const key = 'sk_test_a"b\\c/d+e=f';
		const scrub = scrubber(key);
		expect(scrub(`raw ${key} json ${JSON.stringify(key)} url ${encodeURIComponent(key)}`)).toBe('raw [REDACTED] json "[REDACTED]" url [REDACTED]');
	});

	test('a key that is part of the mark is removed without leaving itself behind', () => {
		expect(scrubber('RED')('a RED b')).toBe('a  b');
	});
});

describe('summarize', () => {
	const scrub = scrubber('sk_test_k');

	test('rebuilds an error from its name, message, stack, code and cause chain, never handing the original', () => {
		const root = Object.assign(new Error('connect ECONNREFUSED sk_test_k'), { code: 'ECONNREFUSED' });
		const thrown = new TypeError('fetch failed', { cause: root });

		const copy = summarize(thrown, scrub) as Error & { cause: Error & { code: string } };

		expect(copy).not.toBe(thrown);
		expect(copy).toBeInstanceOf(Error);
		expect([copy.name, copy.message]).toEqual(['TypeError', 'fetch failed']);
		expect(copy.cause).toMatchObject({ name: 'Error', message: 'connect ECONNREFUSED [REDACTED]', code: 'ECONNREFUSED' });
		expect(copy.stack).toContain('TypeError: fetch failed');
	});

	test("keeps an AggregateError's errors, summarized, and cuts a chain at depth 4", () => {
		const deep = (n: number): Error => (n === 0 ? new Error('bottom') : new Error(`level ${n}`, { cause: deep(n - 1) }));
		const copy = summarize(new AggregateError([new Error('a'), deep(6)], 'all'), scrub) as Error & { errors: Error[] };

		expect(copy.errors.map((e) => e.message)).toEqual(['a', 'level 6']);
		let depth = 0;
		for (let e: unknown = copy.errors[1]; e instanceof Error; e = e.cause) depth++;
		expect(depth).toBe(3);
	});

	test('turns what cannot be read into a plain error', () => {
		const trap = new Proxy(
			{},
			{
				get: () => {
					throw new Error('trap');
				},
			},
		);
		expect(summarize(trap, scrub)).toMatchObject({ message: 'a value that could not be read' });
	});

	test('scrubs strings and symbols, passes other primitives, and describes functions without running them', () => {
		expect(summarize('Bearer sk_test_k', scrub)).toBe('Bearer [REDACTED]');
		expect(summarize(Symbol('sk_test_k'), scrub)).toBe('Symbol([REDACTED])');
		expect([summarize(42, scrub), summarize(undefined, scrub), summarize(null, scrub)]).toEqual([42, undefined, null]);
		expect(summarize(() => 'sk_test_k', scrub)).toBe('a function');
	});

	test('withhold keeps only identifier-like text', () => {
		expect([withhold('AbortError'), withhold('ECONNREFUSED'), withhold('the key sk_live_x failed'), withhold('sk_live_x')]).toEqual([
			'AbortError',
			'ECONNREFUSED',
			'[withheld]',
			'[withheld]',
		]);
	});
});

describe('plainHeaders', () => {
	test('lower-cases names, scrubs values and drops names that hold the key in any case', () => {
		const headers = new Headers({ 'X-Echo': 'Bearer sk_test_KeY', 'x-sk_test_key-y': '1', 'Content-Type': 'text/plain' });
		expect(plainHeaders(headers, scrubber('sk_test_KeY'), scrubber('sk_test_key'))).toEqual({ 'content-type': 'text/plain', 'x-echo': 'Bearer [REDACTED]' });
	});
});
