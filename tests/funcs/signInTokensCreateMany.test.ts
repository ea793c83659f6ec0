// Bulk issuing under Clerk's rate limit, proved against the fake's rate-limit mode on fake timers:
// the governor, the fake's windows and every call's deadline all run on the same fake clock, so
// "100 s of fake time" is exact and the machine's load does not enter.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import type { CreateManyItem, CreateManyProgress } from '../../src/funcs/signInTokensCreateMany.ts';
import { signInTokensCreateMany } from '../../src/funcs/signInTokensCreateMany.ts';
import type { CreateSignInTokenRequest } from '../../src/models/createSignInTokenRequest.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import type { FakeClerkOptions } from '../../src/testing/index.ts';
import { policy } from '../../src/retry.ts';

afterEach(() => {
	vi.useRealTimers();
});

const users = (n: number) => Array.from({ length: n }, (_, i) => `user_${i}`);

function setup(options: FakeClerkOptions = {}, core: ConstructorParameters<typeof ClerkCore>[0] = {}) {
	vi.useFakeTimers({ now: Date.UTC(2026, 10, 28) });
	const fake = createFakeClerk({ clock: Date.now, users: users(1000), ...options });
	const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey, ...core });
	return { fake, clerk };
}

/** Drains a batch while fake time runs, and says how much fake time it took. */
async function drain<R>(batch: AsyncIterable<CreateManyItem<R>>) {
	const started = Date.now();
	const items: CreateManyItem<R>[] = [];
	const done = (async () => {
		for await (const item of batch) items.push(item);
	})();
	let finished = false;
	void done.then(() => (finished = true));
	for (let i = 0; i < 10_000 && !finished; i++) await vi.advanceTimersByTimeAsync(100);
	await done;
	return { items, elapsedMs: Date.now() - started };
}

const requests = (n: number): CreateSignInTokenRequest[] => users(n).map((userId) => ({ userId }));

describe('signInTokensCreateMany', () => {
	test('1,000 requests against a 100/10 s limit: ~100 s of fake time, no 429 at all', async () => {
		const { fake, clerk } = setup({ rateLimit: true });

		const { items, elapsedMs } = await drain(signInTokensCreateMany(clerk, requests(1000)));

		expect(items).toHaveLength(1000);
		expect(new Set(items.map((item) => item.index)).size).toBe(1000);
		expect(items.every((item) => item.result.ok)).toBe(true);
		expect(fake.requests).toHaveLength(1000);
		// Ten windows of 100: the last opens at 90 s.
		expect(elapsedMs).toBeGreaterThanOrEqual(90_000);
		expect(elapsedMs).toBeLessThanOrEqual(100_000);
	});

	test("defaults to production's 1000/10 s for an sk_live_ key", async () => {
		const { fake, clerk } = setup({ rateLimit: true, secretKey: 'sk_live_bulk' });

		const { items, elapsedMs } = await drain(signInTokensCreateMany(clerk, requests(1000), { concurrency: 50 }));

		expect(items.every((item) => item.result.ok)).toBe(true);
		expect(fake.requests).toHaveLength(1000);
		expect(elapsedMs).toBeLessThan(10_000);
	});

	test('a burst of 429s is absorbed: its wait is shared, and every request is accounted for', async () => {
		const { fake, clerk } = setup();
		fake.failNext(6, { status: 429, headers: { 'retry-after': '3', 'content-type': 'application/json' }, body: '{"errors":[]}' });
		const sent: number[] = [];
		const handle = fake.handle;
		fake.handle = (request) => (sent.push(Date.now()), handle(request));

		const { items } = await drain(signInTokensCreateMany(clerk, requests(200), { rateLimit: { limit: 1000, windowMs: 10_000 }, concurrency: 10 }));

		expect(items).toHaveLength(200);
		expect(new Set(items.map((item) => item.index)).size).toBe(200);
		expect(items.filter((item) => !item.result.ok)).toEqual([]);
		expect(fake.tokens.size).toBe(200);
		// After the first 429, nothing was sent for the 3 s it asked for.
		const first = sent[0] as number;
		expect(sent.filter((t) => t > first && t < first + 3_000)).toEqual([]);
	});

	test('retries count against the budget, and 429 retries never exceed the limit', async () => {
		const { fake, clerk } = setup({ rateLimit: { limit: 10, windowMs: 1_000 } });

		const { items } = await drain(signInTokensCreateMany(clerk, requests(50), { rateLimit: { limit: 10, windowMs: 1_000 } }));

		expect(items.every((item) => item.result.ok)).toBe(true);
		expect(fake.requests).toHaveLength(50);
	});

	test('never sends a create twice unless the first provably was not processed', async () => {
		const { fake, clerk } = setup({}, { retry: policy({ delay: () => 0 }) });
		fake.failNext(1, { status: 500 });

		const { items } = await drain(signInTokensCreateMany(clerk, requests(5), { concurrency: 1 }));

		expect(items.map((item) => (item.result.ok ? 'ok' : item.result.error.kind))).toEqual(['api', 'ok', 'ok', 'ok', 'ok']);
		expect(fake.requests).toHaveLength(5);
	});

	test('holds at most `concurrency` calls in flight', async () => {
		const { fake, clerk } = setup({ latencyMs: 50 });
		let inFlight = 0;
		let most = 0;
		const handle = fake.handle;
		fake.handle = async (request) => {
			most = Math.max(most, ++inFlight);
			try {
				return await handle(request);
			} finally {
				inFlight--;
			}
		};

		await drain(signInTokensCreateMany(clerk, requests(40), { concurrency: 4 }));

		expect(most).toBe(4);
	});

	test('reads arrays, iterables and async iterables, and reports progress', async () => {
		const { clerk } = setup();
		function* sync() {
			yield* requests(3);
		}
		async function* streamed() {
			for (const request of requests(3)) yield request;
		}
		const progress: CreateManyProgress[] = [];

		const fromArray = await drain(signInTokensCreateMany(clerk, requests(3), { onProgress: (p) => progress.push(p) }));
		const fromIterable = await drain(signInTokensCreateMany(clerk, sync()));
		const fromAsync = await drain(signInTokensCreateMany(clerk, streamed(), { onProgress: (p) => progress.push(p) }));

		expect([fromArray, fromIterable, fromAsync].map((r) => r.items.length)).toEqual([3, 3, 3]);
		expect(progress.slice(0, 3)).toEqual([
			{ done: 1, total: 3, ok: 1, failed: 0 },
			{ done: 2, total: 3, ok: 2, failed: 0 },
			{ done: 3, total: 3, ok: 3, failed: 0 },
		]);
		// A stream's total is known once it has been read to its end.
		expect(progress.at(-1)).toEqual({ done: 3, total: 3, ok: 3, failed: 0 });
	});

	test('a source that reuses one object sends, and hands back, each request as it was read', async () => {
		const { fake, clerk } = setup();
		// A common streaming shape: one object, refilled before each yield.
		function* refilled() {
			const request: CreateSignInTokenRequest = { userId: '' };
			for (const userId of users(6)) {
				request.userId = userId;
				yield request;
			}
		}

		const { items } = await drain(signInTokensCreateMany(clerk, refilled(), { concurrency: 3 }));

		expect(fake.requests.map((r) => (r.body as { user_id: string }).user_id).sort()).toEqual(users(6));
		const pairs = items.map((item) => [item.index, item.request?.userId, item.result.ok && item.result.value.userId]);
		expect(pairs.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(users(6).map((userId, index) => [index, userId, userId]));
	});

	test('a class instance is read as given: its prototype getters still count', async () => {
		const { fake, clerk } = setup();
		class Row {
			readonly #id: string;
			constructor(id: string) {
				this.#id = id;
			}
			get userId() {
				return this.#id;
			}
		}

		const { items } = await drain(signInTokensCreateMany(clerk, [new Row('user_1') as unknown as CreateSignInTokenRequest]));

		expect(items.map((item) => item.result.ok && item.result.value.userId)).toEqual(['user_1']);
		expect(fake.requests).toHaveLength(1);
	});

	test('yields invalid requests as invalid-request results, sending nothing for them', async () => {
		const { fake, clerk } = setup();

		const { items } = await drain(signInTokensCreateMany(clerk, [{ userId: 'user_1' }, { userId: '' }, { userId: 'user_nobody' }]));

		const byIndex = Object.fromEntries(items.map((item) => [item.index, item.result.ok ? 'ok' : item.result.error.kind]));
		expect(byIndex).toEqual({ 0: 'ok', 1: 'invalid-request', 2: 'api' });
		expect(fake.requests).toHaveLength(2);
	});

	test.each([
		[{ concurrency: 0 }, [{ path: 'options.concurrency', message: 'must be an integer from 1 to 1000' }]],
		[{ concurrency: '5' }, [{ path: 'options.concurrency', message: 'must be an integer from 1 to 1000' }]],
		[
			{ rateLimit: { limit: 100 } },
			[{ path: 'options.rateLimit', message: 'must be false or { limit, windowMs }: a number of requests (at least 1) per window in ms (at least 1)' }],
		],
		[{ timeoutMs: -1 }, [{ path: 'options.timeoutMs', message: 'must be 1 to 2147483647 ms' }]],
		[{ onProgress: 'log' }, [{ path: 'options.onProgress', message: 'must be a function' }]],
		[{ callOptions: { timeoutMs: 0 } }, [{ path: 'options.callOptions.timeoutMs', message: 'must be 1 to 2147483647 ms' }]],
		[{ callOptions: { retries: 2 } }, [{ path: 'options.callOptions', message: 'has an unknown option "retries" (did you mean retry?)' }]],
		[{ concurency: 5 }, [{ path: 'options', message: 'has an unknown option "concurency" (did you mean concurrency?)' }]],
	])('refuses bad options %j up front: one invalid-request item, the input never read, nothing sent', async (options, issues) => {
		const { fake, clerk } = setup();
		let read = 0;
		function* input() {
			for (const request of requests(3)) {
				read++;
				yield request;
			}
		}

		const { items } = await drain(signInTokensCreateMany(clerk, input(), options as never));

		expect(items).toEqual([{ index: 0, request: undefined, result: { ok: false, error: expect.objectContaining({ kind: 'invalid-request', issues }) } }]);
		expect(read).toBe(0);
		expect(fake.requests).toHaveLength(0);
	});

	test('refuses a core that is not a ClerkCore, and requests that are not iterable, the same way', async () => {
		setup();

		const { items } = await drain(signInTokensCreateMany({} as ClerkCore, 42 as never));

		expect(items).toHaveLength(1);
		expect(items[0]?.result).toMatchObject({
			ok: false,
			error: {
				kind: 'invalid-request',
				issues: [
					{ path: 'core', message: 'must be a ClerkCore (made by this copy of clerk-sign-in-tokens)' },
					{ path: 'requests', message: 'must be an array, an iterable or an async iterable of requests' },
				],
			},
		});
	});

	test('a signal stops scheduling: unsent requests settle as aborted, calls in flight finish', async () => {
		const { fake, clerk } = setup({ rateLimit: true });
		const controller = new AbortController();
		const items: CreateManyItem<CreateSignInTokenRequest>[] = [];
		const run = (async () => {
			for await (const item of signInTokensCreateMany(clerk, requests(300), { signal: controller.signal })) {
				items.push(item);
				// The first window's hundred are done: stop before the next opens.
				if (items.length === 100) controller.abort(new Error('operator stopped it'));
			}
		})();
		for (let i = 0; i < 200; i++) await vi.advanceTimersByTimeAsync(100);
		await run;

		expect(items).toHaveLength(300);
		expect(new Set(items.map((item) => item.index)).size).toBe(300);
		expect(items.filter((item) => item.result.ok)).toHaveLength(100);
		expect(items.filter((item) => !item.result.ok).every((item) => !item.result.ok && item.result.error.kind === 'aborted')).toBe(true);
		expect(fake.requests).toHaveLength(100);
	});

	test('a batch deadline settles unsent requests as timeouts', async () => {
		const { fake, clerk } = setup({ rateLimit: true });

		const { items } = await drain(signInTokensCreateMany(clerk, requests(250), { timeoutMs: 15_000 }));

		expect(items).toHaveLength(250);
		expect(items.filter((item) => item.result.ok)).toHaveLength(200);
		expect(items.filter((item) => !item.result.ok && item.result.error.kind === 'timeout')).toHaveLength(50);
		expect(fake.requests).toHaveLength(200);
	});

	test('an input that throws ends the batch with one final unexpected item, after the calls in flight', async () => {
		const { clerk } = setup();
		async function* broken() {
			yield { userId: 'user_1' };
			yield { userId: 'user_2' };
			throw new Error('disk went away');
		}

		const { items } = await drain(signInTokensCreateMany(clerk, broken()));

		expect(items.map((item) => [item.index, item.result.ok ? 'ok' : item.result.error.kind])).toEqual([
			[0, 'ok'],
			[1, 'ok'],
			[2, 'unexpected'],
		]);
		expect(items[2]).toMatchObject({ request: undefined, result: { error: { message: 'Unexpected error: reading the requests failed' } } });
	});

	test('stopping early (break) closes the input and schedules nothing more', async () => {
		const { fake, clerk } = setup();
		let closed = false;
		async function* source() {
			try {
				for (const request of requests(100)) yield request;
			} finally {
				closed = true;
			}
		}

		const run = (async () => {
			for await (const _ of signInTokensCreateMany(clerk, source(), { concurrency: 2 })) break;
		})();
		for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(100);
		await run;

		expect(closed).toBe(true);
		expect(fake.requests.length).toBeLessThanOrEqual(3);
	});

	test.each([
		['a signal', (controller: AbortController) => ({ signal: controller.signal })],
		['the batch deadline', () => ({ timeoutMs: 15_000 })],
	])('stopped by %s, a generator source yields every request it gave exactly once, and is closed', async (_, stopBy) => {
		const { fake, clerk } = setup({ rateLimit: true });
		const controller = new AbortController();
		let given = 0;
		let closed = false;
		function* input() {
			try {
				for (const request of requests(1000)) {
					given++;
					yield request;
				}
			} finally {
				closed = true;
			}
		}
		const items: CreateManyItem<CreateSignInTokenRequest>[] = [];
		const run = (async () => {
			for await (const item of signInTokensCreateMany(clerk, input(), stopBy(controller))) {
				items.push(item);
				if (items.length === 100) controller.abort(new Error('stop'));
			}
		})();
		for (let i = 0; i < 400; i++) await vi.advanceTimersByTimeAsync(100);
		await run;

		expect(items).toHaveLength(given);
		expect(new Set(items.map((item) => item.index)).size).toBe(given);
		expect(items.filter((item) => item.result.ok)).toHaveLength(fake.requests.length);
		expect(items.filter((item) => !item.result.ok).every((item) => !item.result.ok && ['aborted', 'timeout'].includes(item.result.error.kind))).toBe(true);
		expect(given).toBeLessThan(1000);
		expect(closed).toBe(true);
	});

	test('a stop ends the batch even when the source never delivers again (a queue, an open stdin), and closes it', async () => {
		const { clerk } = setup();
		const controller = new AbortController();
		let returned = 0;
		let given = 0;
		const silent: AsyncIterable<CreateSignInTokenRequest> = {
			[Symbol.asyncIterator]: () => ({
				next: () => (given < 2 ? Promise.resolve({ done: false, value: { userId: `user_${given++}` } }) : new Promise<never>(() => {})),
				return: () => {
					returned++;
					return Promise.resolve({ done: true, value: undefined });
				},
			}),
		};
		const items: CreateManyItem<CreateSignInTokenRequest>[] = [];
		const run = (async () => {
			for await (const item of signInTokensCreateMany(clerk, silent, { signal: controller.signal })) {
				items.push(item);
				if (items.length === 2) controller.abort(new Error('Ctrl-C'));
			}
		})();
		for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(100);
		await run;

		expect(items.map((item) => item.result.ok)).toEqual([true, true]);
		expect(returned).toBe(1);
	});

	test('a result is yielded as soon as it settles, not when the source next delivers', async () => {
		const { clerk } = setup();
		let release: (() => void) | undefined;
		async function* slow() {
			yield { userId: 'user_1' };
			await new Promise<void>((resolve) => (release = resolve));
			yield { userId: 'user_2' };
		}
		const seen: number[] = [];
		const run = (async () => {
			for await (const item of signInTokensCreateMany(clerk, slow())) {
				seen.push(item.index);
				if (seen.length === 1) release?.();
			}
		})();
		for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(100);
		await run;

		expect(seen).toEqual([0, 1]);
	});

	test.each([
		['next() resolving to null', () => ({ next: () => Promise.resolve(null) }), 'gave null, not an iterator result'],
		['next() resolving to a number', () => ({ next: () => 7 }), 'gave number, not an iterator result'],
		[
			'a result whose done getter throws',
			() => ({
				next: () => ({
					get done(): boolean {
						throw new Error('done exploded');
					},
				}),
			}),
			'done exploded',
		],
		['an iterator without next', () => ({}), 'next'],
		['an iterator factory that returns null', () => null, ''],
	])('a misbehaving source (%s) ends the batch with one unexpected item, never a throw', async (_, iterator, said) => {
		const { fake, clerk } = setup();
		const source = { [Symbol.iterator]: iterator } as unknown as Iterable<CreateSignInTokenRequest>;

		const { items } = await drain(signInTokensCreateMany(clerk, source));

		expect(items).toEqual([
			{
				index: 0,
				request: undefined,
				result: { ok: false, error: expect.objectContaining({ kind: 'unexpected', message: 'Unexpected error: reading the requests failed' }) },
			},
		]);
		const cause = items[0]?.result.ok === false ? (items[0].result.error.cause as Error) : undefined;
		expect(cause?.message).toContain(said);
		expect(fake.requests).toHaveLength(0);
	});

	test('a callback that throws in onProgress does not break the batch', async () => {
		const { clerk } = setup();

		const { items } = await drain(
			signInTokensCreateMany(clerk, requests(3), {
				onProgress: () => {
					throw new Error('ui broke');
				},
			}),
		);

		expect(items).toHaveLength(3);
	});
});
