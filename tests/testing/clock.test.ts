// The fake keeps real time by default, as Clerk does: expiries pass and rate-limit windows reopen,
// in process and through listen(). Proved on a test clock that moves only `Date` (sockets and timers
// stay real), so nothing waits on the wall.
import nock from 'nock';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { createFakeClerk } from '../../src/testing/index.ts';

const T = Date.UTC(2026, 11, 6, 12);

afterEach(() => {
	vi.useRealTimers();
	nock.disableNetConnect();
});

describe("the fake's default clock", () => {
	test('is the real one: two fakes made now both read Date.now()', () => {
		vi.useFakeTimers({ toFake: ['Date'], now: T });
		const fake = createFakeClerk();

		expect(fake.clock.now()).toBe(T);
		vi.setSystemTime(T + 90_000);
		expect(fake.clock.now()).toBe(T + 90_000);
	});

	test.each([
		['in process', async (fake: ReturnType<typeof createFakeClerk>) => ({ core: { transport: fake.transport }, close: async () => {} })],
		[
			'through listen()',
			async (fake: ReturnType<typeof createFakeClerk>) => {
				nock.enableNetConnect('127.0.0.1');
				const served = await fake.listen();
				return { core: { serverURL: served.url }, close: served.close };
			},
		],
	])('%s: tickets expire and rate-limit windows reopen as time passes', async (_, serve) => {
		vi.useFakeTimers({ toFake: ['Date'], now: T });
		const fake = createFakeClerk({ rateLimit: { limit: 2, windowMs: 10_000 } });
		const { core, close } = await serve(fake);
		const clerk = new ClerkCore({ secretKey: fake.secretKey, retry: 0, ...core });
		try {
			const first = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 60 });
			await signInTokensCreate(clerk, { userId: 'user_123' });
			const limited = await signInTokensCreate(clerk, { userId: 'user_123' });
			vi.setSystemTime(T + 10_000);
			const reopened = await signInTokensCreate(clerk, { userId: 'user_123' });
			vi.setSystemTime(T + 61_000);

			expect(limited).toMatchObject({ ok: false, error: { kind: 'api', status: 429, retryAfter: 10 } });
			expect(reopened.ok).toBe(true);
			expect(first.ok && first.value.createdAt).toBe(T);
			expect(() => fake.accept(first.ok ? first.value.id : '')).toThrow(/has expired/);
		} finally {
			await close();
		}
	});

	test('`now` freezes it, and only `advance` moves it', () => {
		vi.useFakeTimers({ toFake: ['Date'], now: T });
		const fake = createFakeClerk({ now: 1_000 });
		vi.setSystemTime(T + 90_000);

		expect(fake.clock.now()).toBe(1_000);
		fake.clock.advance(500);
		expect(fake.clock.now()).toBe(1_500);
	});
});

describe("a test's clock that breaks", () => {
	const create = (fake: ReturnType<typeof createFakeClerk>) =>
		signInTokensCreate(new ClerkCore({ secretKey: fake.secretKey, transport: fake.transport }), { userId: 'user_123' });

	test.each([
		['NaN', () => Number.NaN, 'gave NaN'],
		['a string', () => 'soon' as unknown as number, 'gave NaN'],
		['a promise', (async () => 5) as unknown as () => number, 'gave NaN'],
		['a time no Date can hold', () => 1e20, 'gave 100000000000000000000'],
	])('a clock that returns %s is answered with a 500 that says so, and no token is minted', async (_, clock, gave) => {
		const fake = createFakeClerk({ clock });

		const res = await create(fake);

		expect(res).toMatchObject({
			ok: false,
			error: {
				kind: 'api',
				status: 500,
				errors: [
					{
						code: 'fake_clock_invalid',
						longMessage: `createFakeClerk: the clock (options.now or options.clock, plus clock.advance) ${gave}, not ms since the epoch that a Date can hold`,
					},
				],
			},
		});
		expect(fake.tokens.size).toBe(0);
	});

	test('a clock that throws is answered with a 500 that says so, through listen() too', async () => {
		const fake = createFakeClerk({
			clock: () => {
				throw new Error('no time');
			},
		});
		nock.enableNetConnect('127.0.0.1');
		const { url, close } = await fake.listen();
		try {
			const res = await signInTokensCreate(new ClerkCore({ secretKey: fake.secretKey, serverURL: url }), { userId: 'user_123' });

			expect(res).toMatchObject({
				ok: false,
				error: { kind: 'api', status: 500, errors: [{ code: 'fake_clock_invalid', longMessage: 'createFakeClerk: options.clock threw' }] },
			});
			expect(fake.tokens.size).toBe(0);
		} finally {
			await close();
		}
	});

	test('a clock that steps on every read is read only where the fake stamps: the check adds no read', async () => {
		let reads = 0;
		const fake = createFakeClerk({ clock: () => T + 1_000 * reads++ });

		const res = await create(fake);

		expect(res.ok && res.value.createdAt).toBe(T);
		expect(reads).toBe(1);
	});

	test('advance refuses what is not a finite number, and the clock keeps its time', () => {
		const fake = createFakeClerk({ now: 1_000 });

		for (const ms of [Number.NaN, Number.POSITIVE_INFINITY, '5' as unknown as number]) {
			expect(() => fake.clock.advance(ms)).toThrow(new TypeError('clock.advance: ms must be a finite number'));
		}
		expect(fake.clock.now()).toBe(1_000);
	});
});
