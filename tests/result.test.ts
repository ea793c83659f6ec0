import { describe, expect, test, vi } from 'vitest';
import { andThen, err, map, mapErr, match, ok, unwrap, unwrapOr } from '../src/result.ts';
import type { Result } from '../src/result.ts';

const good = ok(2) as Result<number, string>;
const bad = err('nope') as Result<number, string>;

describe('Result helpers', () => {
	test('ok and err build plain objects', () => {
		expect(good).toStrictEqual({ ok: true, value: 2 });
		expect(bad).toStrictEqual({ ok: false, error: 'nope' });
	});

	test('map transforms a success and passes a failure through untouched', () => {
		const fn = vi.fn((n: number) => n * 10);
		expect(map(good, fn)).toStrictEqual({ ok: true, value: 20 });
		expect(map(bad, fn)).toBe(bad);
		expect(fn).toHaveBeenCalledTimes(1);
	});

	test('mapErr transforms a failure and passes a success through untouched', () => {
		expect(mapErr(bad, (e) => e.length)).toStrictEqual({ ok: false, error: 4 });
		expect(mapErr(good, (e) => e.length)).toBe(good);
	});

	test('andThen chains a sync step, stopping at the first failure', () => {
		expect(andThen(good, (n) => ok(n + 1))).toStrictEqual({ ok: true, value: 3 });
		expect(andThen(good, () => err('later'))).toStrictEqual({ ok: false, error: 'later' });
		const step = vi.fn(() => ok(1));
		expect(andThen(bad, step)).toBe(bad);
		expect(step).not.toHaveBeenCalled();
	});

	test('andThen awaits a promised result and an async step', async () => {
		const chained = andThen(Promise.resolve(good), async (n) => ok(`#${n}`));
		expect(chained).toBeInstanceOf(Promise);
		await expect(chained).resolves.toStrictEqual({ ok: true, value: '#2' });
		await expect(andThen(Promise.resolve(bad), async () => ok(1))).resolves.toBe(bad);
	});

	test('match calls the handler of the case', () => {
		expect(
			match(
				good,
				(n) => `ok ${n}`,
				(e) => `err ${e}`,
			),
		).toBe('ok 2');
		expect(
			match(
				bad,
				(n) => `ok ${n}`,
				(e) => `err ${e}`,
			),
		).toBe('err nope');
	});

	test('match takes both handlers as one object too', () => {
		expect(match(good, { ok: (n) => n + 1, err: (e) => e.length })).toBe(3);
		expect(match(bad, { ok: (n) => n + 1, err: (e) => e.length })).toBe(4);
	});

	test('unwrap returns the value or throws the error', () => {
		const error = new Error('x');
		expect(unwrap(good)).toBe(2);
		expect(() => unwrap(err(error))).toThrow(error);
	});

	test('unwrapOr returns the value or the fallback', () => {
		expect(unwrapOr(good, 0)).toBe(2);
		expect(unwrapOr(bad, 0)).toBe(0);
	});

	test('every helper also works data-last, as the step of a pipe', async () => {
		const pipe = (value: unknown, ...steps: ((x: never) => unknown)[]) => steps.reduce<unknown>((x, step) => step(x as never), value);

		expect(
			pipe(
				good,
				map((n: number) => n * 10),
			),
		).toStrictEqual({ ok: true, value: 20 });
		expect(
			pipe(
				bad,
				mapErr((e: string) => e.length),
			),
		).toStrictEqual({ ok: false, error: 4 });
		expect(
			pipe(
				good,
				andThen((n: number) => ok(n + 1)),
			),
		).toStrictEqual({ ok: true, value: 3 });
		await expect(
			pipe(
				Promise.resolve(good),
				andThen(async (n: number) => ok(`#${n}`)),
			),
		).resolves.toStrictEqual({ ok: true, value: '#2' });
		expect(
			pipe(
				bad,
				match(
					(n: number) => n,
					(e: string) => e,
				),
			),
		).toBe('nope');
		expect(pipe(good, match({ ok: (n: number) => n + 1, err: () => 0 }))).toBe(3);
		expect(pipe(bad, unwrapOr(7))).toBe(7);
		expect(pipe(good, unwrap)).toBe(2);
	});

	test('match tells a result from a handlers object by its boolean ok, so both data-first forms still work', () => {
		expect(match(good, { ok: (n) => n, err: () => -1 })).toBe(2);
		expect(
			match(
				bad,
				(n) => n,
				(e) => e.length,
			),
		).toBe(4);
	});
});
