// Clerk's budget shared by processes through a real redis-server, with ioredis and with node-redis:
// four processes fire thirty creates each at once at a Clerk-like server that allows 20 requests per
// 2 s and answers 429 beyond. Every create succeeds, the server never sees more than 20 in any 2 s,
// and the burst takes no longer than the budget requires. Then Redis fails mid-run.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startRedis } from '../../helpers/redis.ts';
import type { RedisServer } from '../../helpers/redis.ts';
import { take } from '../../helpers/budget.ts';

const KEY = 'sk_test_shared_budget_0123456789';
const LIMIT = 20;
const WINDOW_MS = 2_000;
// The budget's margin: the time a request may take from its slot to the server. Clerk's window is
// 10 s with a 500 ms default margin; this suite's 2 s window with the default 200 ms was too little
// on a busy 2-core machine (a busy .ci/run: one request reached the server 200+ ms late relative to
// its window's others, 21 in a window, one 429 retried). A quarter of the window, as at Clerk's scale
// 2.5 s would be, keeps what is measured the budget, not the scheduler.
const MARGIN_MS = 500;
const PROCESSES = 4;
const PER_PROCESS = 30;
const token = (id: string) =>
	JSON.stringify({ object: 'sign_in_token', id, status: 'pending', user_id: 'user_1', token: 'a.b.c', url: null, created_at: 1, updated_at: 1 });

// A Clerk-like server with a strict sliding window: a request that would be the 21st within 2 s is
// answered 429. It records every arrival, on its own clock.
let server: Server;
let origin = '';
let arrivals: number[] = [];
let onArrival: (() => void) | undefined;
beforeAll(async () => {
	let n = 0;
	server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			const now = performance.now();
			const recent = arrivals.filter((t) => t > now - WINDOW_MS).length;
			arrivals.push(now);
			onArrival?.();
			if (recent >= LIMIT) {
				res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
				res.end('{"errors":[{"code":"too_many_requests","message":"Too many requests"}]}');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(token(`sit_${n++}`));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

let redis: RedisServer;
beforeEach(async () => {
	arrivals = [];
	onArrival = undefined;
	redis = await startRedis();
	return () => redis.stop();
});

type Report = { kinds: string[]; elapsedMs: number; notes: string[] };

// Starts the fleet; resolves when every process is ready. `go` fires them all at once and resolves
// with each process's report; `again` (when `again` creates were asked for) fires the second wave.
// `onNote` hears every budget note the moment a process logs it.
async function fleet(client: 'ioredis' | 'redis', options: { again?: number; retryEngineMs?: number; onNote?: (note: string) => void } = {}) {
	const script = fileURLToPath(new URL('./process.mjs', import.meta.url));
	const env = {
		PATH: process.env.PATH ?? '',
		CLIENT: client,
		REDIS_URL: redis.url,
		SERVER_URL: `${origin}/v1`,
		COUNT: String(PER_PROCESS),
		LIMIT: String(LIMIT),
		WINDOW_MS: String(WINDOW_MS),
		MARGIN_MS: String(MARGIN_MS),
		KEY,
		AGAIN: String(options.again ?? 0),
		RETRY_ENGINE_MS: String(options.retryEngineMs ?? 5000),
	};
	const children = Array.from({ length: PROCESSES }, () => spawn(process.execPath, [script], { env, stdio: ['pipe', 'pipe', 'inherit'] }));
	// Each process's reports, in order, as they are printed.
	const reports = children.map((child) => {
		const waiting: ((report: Report) => void)[] = [];
		const ready: Report[] = [];
		let readyLine: () => void = () => {};
		const isReady = new Promise<void>((resolve) => (readyLine = resolve));
		createInterface({ input: child.stdout }).on('line', (line) => {
			if (line === 'ready') readyLine();
			else if (line.startsWith('note ')) options.onNote?.(line.slice(5));
			else {
				const report = JSON.parse(line) as Report;
				const next = waiting.shift();
				if (next) next(report);
				else ready.push(report);
			}
		});
		const next = () => new Promise<Report>((resolve) => (ready.length > 0 ? resolve(ready.shift() as Report) : waiting.push(resolve)));
		return { isReady, next };
	});
	await Promise.all(reports.map((r) => r.isReady));
	const wave = (word: string) => {
		for (const child of children) child.stdin.write(`${word}\n`);
		return Promise.all(reports.map((r) => r.next()));
	};
	// Each process's exit code: 0 once it has closed its client, whatever Redis did.
	const exited = Promise.all(children.map((child) => new Promise<number | null>((resolve) => child.on('close', resolve))));
	return { go: () => wave('go'), again: () => wave('again'), exited };
}

// The most arrivals any 2 s window saw.
const busiestWindow = (times: number[]) => Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + WINDOW_MS).length));

describe.each(['ioredis', 'redis'] as const)('redisBudget with %s, on a real redis-server', (client) => {
	test(`${PROCESSES} processes × ${PER_PROCESS} creates at once: all succeed, never more than ${LIMIT} per ${WINDOW_MS} ms, no 429`, async () => {
		const { go, exited } = await fleet(client);
		const started = performance.now();

		const reports = await go();

		const elapsed = performance.now() - started;
		const kinds = reports.flatMap((r) => r.kinds);
		expect(kinds).toHaveLength(PROCESSES * PER_PROCESS);
		expect(kinds.filter((k) => k !== 'ok')).toEqual([]);
		expect(arrivals).toHaveLength(PROCESSES * PER_PROCESS);
		expect(busiestWindow(arrivals)).toBeLessThanOrEqual(LIMIT);
		expect(reports.flatMap((r) => r.notes)).toEqual([]);
		// 120 requests at 20 per window: the budget spaces windows by 2 s plus its 500 ms margin, so the
		// sixth opens at 5 × 2.5 s = 12.5 s; issue #19 allows 25 % over what the budget requires.
		const required = (Math.ceil((PROCESSES * PER_PROCESS) / LIMIT) - 1) * (WINDOW_MS + MARGIN_MS);
		console.log(`${client}: burst ${Math.round(elapsed)} ms (each process: ${reports.map((r) => r.elapsedMs).join(', ')} ms); required ${required} ms`);
		expect(Math.max(...reports.map((r) => r.elapsedMs))).toBeLessThanOrEqual(required * 1.25);
		expect(await exited).toEqual(Array(PROCESSES).fill(0));
	});
});

// Kills Redis as the server sees its nth arrival; resolves once it is dead.
const killAt = (n: number) =>
	new Promise<void>((resolve) => {
		onArrival = () => {
			if (arrivals.length === n) void redis.kill().then(resolve);
		};
	});

const ALONE = /^redis (?:failed|did not answer).*: this process kept to its own 20 per 2000 ms$/;

describe('when Redis fails mid-run', () => {
	test('Redis is killed: every call settles — created, or the 429 Clerk answered — and each process that asked it then says it decided alone', async () => {
		const { go, exited } = await fleet('ioredis');
		const killed = killAt(25);

		const reports = await go();
		await killed;
		expect(await exited).toEqual(Array(PROCESSES).fill(0));

		const kinds = reports.flatMap((r) => r.kinds);
		expect(kinds).toHaveLength(PROCESSES * PER_PROCESS);
		expect(kinds.filter((k) => k !== 'ok' && k !== 'api 429')).toEqual([]);
		expect(reports.flatMap((r) => r.notes).filter((note) => !ALONE.test(note))).toEqual([]);
		expect(reports.filter((r) => r.notes.length > 0).length).toBeGreaterThanOrEqual(1);
	});

	test('Redis restarts, empty: the processes that found it down decide alone meanwhile, and the fleet shares the restarted Redis again', async () => {
		// Killed at the 25th arrival; started again, empty, once a process has said it decided alone
		// (so some call really met it down); then a second wave goes through the new Redis.
		let restarted: Promise<void> | undefined;
		const { go, again, exited } = await fleet('ioredis', {
			again: 5,
			retryEngineMs: 300,
			onNote: (note) => {
				if (ALONE.test(note)) restarted ??= killed.then(() => redis.restart());
			},
		});
		const killed = killAt(25);

		const first = await go();
		await restarted;
		// Clerk's window for the second wave starts clean: what is tested is Redis's, which restarted empty.
		arrivals = [];
		const second = await again();
		expect(await exited).toEqual(Array(PROCESSES).fill(0));

		const kinds = first.flatMap((r) => r.kinds);
		expect(kinds).toHaveLength(PROCESSES * PER_PROCESS);
		expect(kinds.filter((k) => k !== 'ok' && k !== 'api 429')).toEqual([]);
		expect(first.flatMap((r) => r.notes).filter((note) => !ALONE.test(note))).toEqual([]);
		expect(restarted).toBeDefined();
		// The second wave: every create through the restarted Redis (no note), none refused.
		expect(second.flatMap((r) => r.kinds)).toEqual(Array(PROCESSES * 5).fill('ok'));
		expect(second.flatMap((r) => r.notes)).toEqual([]);
		expect(arrivals).toHaveLength(PROCESSES * 5);
		const { Redis } = await import('ioredis');
		const client = new Redis(redis.url);
		try {
			expect(await client.keys('clerk-sign-in-tokens:budget:*')).toHaveLength(1);
		} finally {
			client.disconnect();
		}
	});
});

describe('what Redis holds', () => {
	test('keys named by the SHA-256 of the secret key, never the key; a test key and a live key never share a window', async () => {
		const { Redis } = await import('ioredis');
		const { redisBudget } = await import('../../../src/budget/redis.ts');
		const client = new Redis(redis.url);
		try {
			const budget = redisBudget(client, { limit: 1, windowMs: 60_000 });
			const scope = (key: string) => createHash('sha256').update(key).digest('hex');
			const signal = new AbortController().signal;

			const first = await take(budget, scope('sk_test_abc'), signal);
			const other = await take(budget, scope('sk_live_abc'), signal);
			const keys = (await client.keys('*')).sort();

			expect([first, other]).toEqual([undefined, undefined]);
			expect(keys).toEqual([`clerk-sign-in-tokens:budget:{${scope('sk_live_abc')}}:log`, `clerk-sign-in-tokens:budget:{${scope('sk_test_abc')}}:log`].sort());
			expect(keys.join()).not.toContain('sk_');
		} finally {
			client.disconnect();
		}
	});
});
