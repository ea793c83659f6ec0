// redisBudget with scripted clients of both shapes: what it sends, and how it meets a Redis that
// forgot its script. A real redis-server, with ioredis and node-redis, is in tests/budget/real.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { redisBudget } from '../../src/budget/redis.ts';
import { pause, take } from '../helpers/budget.ts';

const scope = createHash('sha256').update('sk_test_budget_key').digest('hex');

function clients(answer: (args: string[]) => unknown) {
	const sent: string[][] = [];
	const reply = async (args: string[]) => {
		sent.push(args);
		const value = answer(args);
		if (value instanceof Error) throw value;
		return value;
	};
	return {
		sent,
		ioredis: { call: (command: string, ...args: string[]) => reply([command, ...args]) },
		nodeRedis: { sendCommand: (args: string[]) => reply(args) },
	};
}

describe('redisBudget', () => {
	test.each(['ioredis', 'nodeRedis'] as const)('with a %s client: one EVALSHA per take, on keys named by the scope, on Redis’s clock', async (kind) => {
		const c = clients(() => 0);
		const budget = redisBudget(c[kind], { limit: 20, windowMs: 2_000 });

		expect(await take(budget, scope, new AbortController().signal)).toBeUndefined();
		const [command, sha, numKeys, log, pause, mode, limit, window, member] = c.sent[0] as string[];
		expect([command, numKeys, log, pause, mode, limit, window]).toEqual([
			'EVALSHA',
			'2',
			`clerk-sign-in-tokens:budget:{${scope}}:log`,
			`clerk-sign-in-tokens:budget:{${scope}}:pause`,
			'take',
			'20',
			'2200',
		]);
		expect(sha).toMatch(/^[0-9a-f]{40}$/);
		expect(member).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('a Redis that forgot the script (restarted, flushed) is sent it whole, once', async () => {
		let loaded = false;
		const c = clients((args) => {
			if (args[0] === 'EVAL') return ((loaded = true), 0);
			return loaded ? 0 : new Error('NOSCRIPT No matching script. Please use EVAL.');
		});
		const budget = redisBudget(c.ioredis, { limit: 1, windowMs: 1_000, prefix: 'app' });

		await take(budget, scope, new AbortController().signal);
		await take(budget, scope, new AbortController().signal);

		expect(c.sent.map((args) => args[0])).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
		expect(c.sent[1]?.[1]).toContain("redis.call('TIME')");
		expect(c.sent[1]?.[3]).toBe(`app:{${scope}}:log`);
	});

	test('pause is one script call with the wait, rounded up to whole ms', async () => {
		const c = clients(() => 0);

		pause(redisBudget(c.nodeRedis, { limit: 1, windowMs: 1_000 }), scope, 1500.2);
		await new Promise((resolve) => setImmediate(resolve));

		expect(c.sent[0]?.slice(5)).toEqual(['pause', '1501']);
	});

	test.each([
		[null, 'redisBudget: client must be an ioredis client (with call) or a node-redis one (with sendCommand)'],
		[{ get: () => 1 }, 'redisBudget: client must be an ioredis client (with call) or a node-redis one (with sendCommand)'],
	])('refuses %j as a client, at once', (client, message) => {
		expect(() => redisBudget(client as never, { limit: 1, windowMs: 1 })).toThrow(new TypeError(message));
	});

	test.each([
		[{ limit: 100 }, 'redisBudget: options.windowMs is required'],
		[{ limit: 100, windowMs: 10_000, prefix: '' }, 'redisBudget: options.prefix must be a non-empty string'],
		['100/10s', 'redisBudget: options must be an object'],
	])('refuses options %j, at once', (options, message) => {
		expect(() => redisBudget(clients(() => 0).ioredis, options as never)).toThrow(new TypeError(message));
	});
});
