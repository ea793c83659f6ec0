// The core's `budget` hook: a slot before every attempt, a pause on 429, the call's deadline and
// signal over both, and nothing but the key's hash handed over.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import type { BudgetEngine } from '../../src/budget/index.ts';
import type { ClerkEvent } from '../../src/events.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensCreateMany } from '../../src/funcs/signInTokensCreateMany.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { KEY, never, recorder, wireToken } from '../helpers/wire.ts';
import { budget } from '../../src/budget/index.ts';
import { events } from '../../src/events.ts';
import { policy } from '../../src/retry.ts';
import { transport } from '../../src/transport.ts';

const hash = createHash('sha256').update(KEY).digest('hex');

// A budget over an engine that records what it is asked, and answers as told.
function recording(take: BudgetEngine['take'] = async () => undefined) {
	const calls: string[] = [];
	const engine: BudgetEngine = {
		take: (scope, signal) => (calls.push(`take ${scope === hash ? 'hash' : scope}`), take(scope, signal)),
		pause: (scope, ms) => void calls.push(`pause ${scope === hash ? 'hash' : scope} ${ms}`),
	};
	return { budget: budget(engine), calls };
}

describe('a core with a budget', () => {
	test('takes a slot before every attempt, retries included, scoped by the key’s SHA-256 — never the key', async () => {
		const { budget, calls } = recording();
		const { fetch, seen } = recorder(new Response('', { status: 503 }), Response.json(wireToken));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, budget, retry: policy({ delay: () => 0 }) });

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(seen).toHaveLength(2);
		expect(calls).toEqual(['take hash', 'take hash']);
	});

	test.each([
		['its Retry-After', { 'retry-after': '2' }, 'pause hash 2000'],
		['1 s when it names none', {}, 'pause hash 1000'],
	])('a 429 pauses the whole budget for %s', async (_, headers, pause) => {
		const { budget, calls } = recording();
		const { fetch } = recorder(new Response('', { status: 429, headers }));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, budget, retry: 0 });

		await signInTokensRevoke(core, { signInTokenId: 'sit_1' });

		expect(calls).toEqual(['take hash', pause]);
	});

	test('a budget that never answers ends the call at its deadline, with nothing sent', async () => {
		const { budget } = recording(() => never());
		const { fetch, seen } = recorder(Response.json(wireToken));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, budget, timeoutMs: 30 });

		expect(await signInTokensCreate(core, { userId: 'user_123' })).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(seen).toHaveLength(0);
	});

	test("a caller's abort ends the wait for a slot: nothing is sent", async () => {
		const { budget } = recording((_, signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))));
		const { fetch, seen } = recorder(Response.json(wireToken));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, budget });
		const controller = new AbortController();

		const pending = signInTokensCreate(core, { userId: 'user_123' }, { signal: controller.signal });
		controller.abort(new Error('stop'));

		expect(await pending).toMatchObject({ ok: false, error: { kind: 'aborted' } });
		expect(seen).toHaveLength(0);
	});

	test('a budget that throws is an unexpected error, scrubbed; a pause that throws or rejects is ignored', async () => {
		const broken = new ClerkCore({
			transport: transport({ fetch: recorder(Response.json(wireToken)).fetch }),
			secretKey: KEY,
			budget: budget({ take: async () => Promise.reject(new Error(`engine saw ${KEY}`)), pause: () => undefined }),
		});
		const pausing = new ClerkCore({
			transport: transport({ fetch: recorder(new Response('', { status: 429 })).fetch }),
			secretKey: KEY,
			retry: 0,
			budget: budget({
				take: async () => undefined,
				pause: () => {
					throw new Error('pause exploded');
				},
			}),
		});
		const rejecting = new ClerkCore({
			transport: transport({ fetch: recorder(new Response('', { status: 429 })).fetch }),
			secretKey: KEY,
			retry: 0,
			budget: budget({ take: async () => undefined, pause: () => Promise.reject(new Error('down')) }),
		});

		const res = await signInTokensCreate(broken, { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected', message: 'Unexpected error: engine saw [REDACTED]' } });
		expect(await signInTokensCreate(pausing, { userId: 'user_123' })).toMatchObject({ ok: false, error: { kind: 'api', status: 429 } });
		expect(await signInTokensCreate(rejecting, { userId: 'user_123' })).toMatchObject({ ok: false, error: { kind: 'api', status: 429 } });
	});

	test("a budget's note (its engine failed) reaches the logger as a budget event", async () => {
		const seen: ClerkEvent[] = [];
		const core = new ClerkCore({
			transport: transport({ fetch: recorder(Response.json(wireToken)).fetch }),
			secretKey: KEY,
			budget: budget({ take: async () => 'redis failed (ECONNREFUSED): this process kept to its own 100 per 10000 ms', pause: () => undefined }),
			logger: events((event) => seen.push(event)),
		});

		await signInTokensCreate(core, { userId: 'user_123' });

		expect(seen.map((e) => e.type)).toEqual(['request', 'budget', 'response', 'outcome']);
		expect(seen[1]).toMatchObject({ note: 'redis failed (ECONNREFUSED): this process kept to its own 100 per 10000 ms' });
	});

	test('a batch on a budgeted core adds no governor of its own: the budget gates every attempt', async () => {
		const { budget, calls } = recording();
		const { fetch } = recorder(Response.json(wireToken));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, budget });
		const users = Array.from({ length: 150 }, (_, i) => ({ userId: `user_${i}` }));

		let n = 0;
		for await (const item of signInTokensCreateMany(core, users)) if (item.result.ok) n++;

		// 150 at once: a governor of 100 per 10 s would have held the last 50 for 10 s.
		expect(n).toBe(150);
		expect(calls.filter((c) => c.startsWith('take'))).toHaveLength(150);
	});

	const MADE_BY = 'config.budget must be made by budget(), redisBudget() or durableObjectBudget()';
	test.each<[string, unknown]>([
		['an engine passed as it is (the old spelling)', { take: () => Promise.resolve(), pause: () => undefined }],
		['an empty object', {}],
		['a string', 'redis'],
		['another kind of option', transport({})],
	])('refuses %s as a budget, at construction, naming what makes one', (_, value) => {
		expect(() => new ClerkCore({ budget: value as never })).toThrow(`Invalid ClerkCore config: ${MADE_BY}`);
	});

	test.each<[string, unknown]>([
		['nothing', undefined],
		['an object without pause', { take: () => Promise.resolve() }],
		['a pause that is not a function', { take: () => Promise.resolve(), pause: 1 }],
	])('budget() refuses %s as an engine, at once', (_, engine) => {
		expect(() => budget(engine as never)).toThrow(new TypeError('budget: engine must be { take(scope, signal), pause(scope, ms) }'));
	});
});
