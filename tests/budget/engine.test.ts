// What both adapters share, on a scripted engine and fake timers: ask within a bound, wait as long as
// the engine says, decide alone (and say so) when it cannot answer, ask it again later.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { budgetOptions, engineBudget } from '../../src/budget/engine.ts';
import type { Engine } from '../../src/budget/engine.ts';

afterEach(() => void vi.useRealTimers());

function scripted(answers: (() => Promise<number>)[]) {
	const asked: string[] = [];
	let i = 0;
	const engine: Engine = {
		name: 'redis',
		take: (scope, limit, windowMs) => (
			asked.push(`take ${scope} ${limit} ${windowMs}`), (answers[Math.min(i++, answers.length - 1)] as () => Promise<number>)()
		),
		pause: async (scope, ms) => void asked.push(`pause ${scope} ${ms}`),
	};
	return { engine, asked };
}

const settings = (overrides = {}) => budgetOptions('test', { limit: 2, windowMs: 1_000, marginMs: 0, ...overrides });
const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:6379 (password=hunter2)'), { code: 'ECONNREFUSED' }));

describe('engineBudget', () => {
	test('takes the slot the engine grants, and waits as long as it says before asking again', async () => {
		vi.useFakeTimers();
		const { engine, asked } = scripted([async () => 250, async () => 0]);
		const budget = engineBudget(engine, settings());

		const taken = budget.take('scope_a', new AbortController().signal);
		await vi.advanceTimersByTimeAsync(249);
		expect(asked).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);

		expect(await taken).toBeUndefined();
		expect(asked).toEqual(['take scope_a 2 1000', 'take scope_a 2 1000']);
	});

	test('an engine that fails: this process keeps to its own limit, says so without quoting the error, and asks again later', async () => {
		vi.useFakeTimers({ now: 0 });
		const { engine, asked } = scripted([refused, async () => 0]);
		const budget = engineBudget(engine, settings({ retryEngineAfterMs: 5_000 }));
		const signal = new AbortController().signal;

		const notes = [await budget.take('s', signal), await budget.take('s', signal)];
		const third = budget.take('s', signal);
		let thirdDone = false;
		void third.then(() => (thirdDone = true));
		await vi.advanceTimersByTimeAsync(999);
		// Its own limit: two per second.
		expect(thirdDone).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		await third;
		vi.setSystemTime(5_001);
		const back = await budget.take('s', signal);

		expect(notes).toEqual([
			'redis failed (ECONNREFUSED): this process kept to its own 2 per 1000 ms',
			'redis failed (ECONNREFUSED): this process kept to its own 2 per 1000 ms',
		]);
		expect(asked).toEqual(['take s 2 1000', 'take s 2 1000']);
		expect(back).toBeUndefined();
	});

	test('an engine that does not answer within engineTimeoutMs is left behind', async () => {
		vi.useFakeTimers();
		const { engine } = scripted([() => new Promise<number>(() => {})]);
		const budget = engineBudget(engine, settings({ engineTimeoutMs: 300 }));

		const taken = budget.take('s', new AbortController().signal);
		await vi.advanceTimersByTimeAsync(300);

		expect(await taken).toBe('redis did not answer within 300 ms: this process kept to its own 2 per 1000 ms');
	});

	test('an unreadable answer is a failure, not a grant', async () => {
		const { engine } = scripted([async () => Number.NaN]);

		expect(await engineBudget(engine, settings()).take('s', new AbortController().signal)).toBe(
			'redis failed (TypeError): this process kept to its own 2 per 1000 ms',
		);
	});

	test("the call's abort ends a wait, for the engine or for a slot, with the call's reason", async () => {
		vi.useFakeTimers();
		const { engine } = scripted([async () => 60_000]);
		const controller = new AbortController();
		const taken = engineBudget(engine, settings()).take('s', controller.signal);
		await vi.advanceTimersByTimeAsync(10);
		controller.abort(new Error('stop'));

		await expect(taken).rejects.toThrow('stop');
		expect(vi.getTimerCount()).toBe(0);
	});

	test('pause holds this process and tells the engine', async () => {
		const { engine, asked } = scripted([async () => 0]);

		engineBudget(engine, settings()).pause('s', 3_000);
		await Promise.resolve();

		expect(asked).toEqual(['pause s 3000']);
	});

	test.each([
		[{}, 'test: options.limit is required; options.windowMs is required'],
		[{ limit: 0, windowMs: 1 }, 'test: options.limit must be a whole number of requests, at least 1'],
		[{ limit: 1, windowMs: 1, marginMs: -1 }, 'test: options.marginMs must be a whole number of ms, 0 to 2147483647'],
		[{ limit: 1, windowMs: 1, limt: 5 }, 'test: options has an unknown option "limt" (did you mean limit?)'],
	])('refuses options %j at once', (options, message) => {
		expect(() => budgetOptions('test', options)).toThrow(new TypeError(message));
	});

	test('the margin defaults to 5 % of the window, at least 200 ms', () => {
		expect(budgetOptions('t', { limit: 1, windowMs: 10_000 }).marginMs).toBe(500);
		expect(budgetOptions('t', { limit: 1, windowMs: 2_000 }).marginMs).toBe(200);
	});
});
