// The Durable Object budget on plain objects standing in for the Workers runtime: the object's
// decisions, its storage, and two isolates' budgets sharing one object. Real workerd, with real
// Durable Object bindings, is in the runtime matrix (tests/runtimes).
import { describe, expect, test } from 'vitest';
import { ClerkBudgetObject, durableObjectBudget } from '../../src/budget/durableObject.ts';
import type { DurableObjectStateLike } from '../../src/budget/durableObject.ts';
import { take as takeSlot } from '../helpers/budget.ts';

function state(saved = new Map<string, unknown>()): DurableObjectStateLike {
	return {
		storage: { get: async (key) => structuredClone(saved.get(key)), put: async (key, value) => void saved.set(key, structuredClone(value)) },
		blockConcurrencyWhile: (callback) => callback(),
	};
}

const take = (object: ClerkBudgetObject, limit: number, windowMs: number) =>
	object
		.fetch(new Request('https://x/take', { method: 'POST', body: JSON.stringify({ limit, windowMs }) }))
		.then((r) => r.json() as Promise<{ waitMs: number }>);

// A namespace of objects by name, as the runtime keeps one object per id, whoever asks.
function namespace() {
	const objects = new Map<string, ClerkBudgetObject>();
	const names: string[] = [];
	return {
		names,
		idFromName: (name: string) => (names.push(name), name),
		get: (id: never) => {
			const name = id as unknown as string;
			if (!objects.has(name)) objects.set(name, new ClerkBudgetObject(state()));
			const object = objects.get(name) as ClerkBudgetObject;
			return { fetch: (input: string, init?: RequestInit) => object.fetch(new Request(input, init)) };
		},
	};
}

describe('ClerkBudgetObject', () => {
	test('grants up to the limit per sliding window, then says how long to wait; a pause holds every taker', async () => {
		const object = new ClerkBudgetObject(state());

		const answers = [await take(object, 2, 1_000), await take(object, 2, 1_000), await take(object, 2, 1_000)];
		await object.fetch(new Request('https://x/pause', { method: 'POST', body: JSON.stringify({ ms: 60_000 }) }));
		const paused = await take(new ClerkBudgetObject(state()), 2, 1_000);

		expect(answers.map((a) => a.waitMs > 0)).toEqual([false, false, true]);
		expect(answers[2]?.waitMs).toBeLessThanOrEqual(1_000);
		expect(paused.waitMs).toBe(0);
		expect((await take(object, 2, 1_000)).waitMs).toBeGreaterThan(59_000);
	});

	test('a restarted object remembers the window from its storage', async () => {
		const saved = new Map<string, unknown>();
		const first = new ClerkBudgetObject(state(saved));
		await take(first, 1, 60_000);

		const again = new ClerkBudgetObject(state(saved));

		expect((await take(again, 1, 60_000)).waitMs).toBeGreaterThan(0);
	});

	test('refuses what it does not understand', async () => {
		const object = new ClerkBudgetObject(state());

		expect((await object.fetch(new Request('https://x/take', { method: 'POST', body: 'no' }))).status).toBe(400);
		expect((await object.fetch(new Request('https://x/other', { method: 'POST', body: '{}' }))).status).toBe(400);
	});
});

describe('durableObjectBudget', () => {
	test('two isolates’ budgets on one namespace share one object per scope, and one window', async () => {
		const ns = namespace();
		const a = durableObjectBudget(ns, { limit: 2, windowMs: 60_000 });
		const b = durableObjectBudget(ns, { limit: 2, windowMs: 60_000 });
		const signal = new AbortController().signal;

		await takeSlot(a, 'scope_1', signal);
		await takeSlot(b, 'scope_1', signal);
		let third = false;
		void takeSlot(a, 'scope_1', signal).then(() => (third = true));
		await takeSlot(b, 'scope_2', signal);
		await new Promise((resolve) => setImmediate(resolve));

		expect(third).toBe(false);
		expect(new Set(ns.names)).toEqual(new Set(['scope_1', 'scope_2']));
	});

	test('an object that throws: the isolate keeps to its own limit, and says so', async () => {
		const broken = {
			idFromName: (name: string) => name,
			get: () => ({ fetch: async () => Promise.reject(Object.assign(new Error('Durable Object reset'), { name: 'Error' })) }),
		};

		const note = await takeSlot(durableObjectBudget(broken, { limit: 5, windowMs: 1_000 }), 's', new AbortController().signal);

		expect(note).toBe('durable object failed (Error): this process kept to its own 5 per 1000 ms');
	});

	test('refuses what is not a namespace, at once', () => {
		expect(() => durableObjectBudget({} as never, { limit: 1, windowMs: 1 })).toThrow(
			new TypeError('durableObjectBudget: namespace must be a Durable Object namespace binding (env.CLERK_BUDGET)'),
		);
	});
});
