#!/usr/bin/env node
// `npm run bench:budget`: what a shared budget costs, on a real local redis-server (Debian's
// package) beside this process's own governor. Figures, not pass/fail:
// - the latency one slot adds to a call: sequential creates against the bench server, with and
//   without the budget (medians), and a bare take's median and p99;
// - the throughput against Clerk's production limit (1000 per 10 s): how fast the first 1000 slots
//   are granted when all are free, and how long 2000 takes fired at once need (the second thousand
//   waits for the window, plus the margin).
import { Redis } from 'ioredis';
import { ClerkCore } from '../dist/core.js';
import { redisBudget } from '../dist/budget/redis.js';
import { signInTokensCreate } from '../dist/funcs/signInTokensCreate.js';
import { governor } from '../src/batch/governor.ts';
import { startRedis } from '../tests/helpers/redis.ts';
import { median, startServer } from './harness.mjs';

const KEY = 'sk_live_bench_0123456789abcdef';
const CALLS = Number(process.argv[2] ?? 500);
const p = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];

const redis = await startRedis();
const server = await startServer();
const client = new Redis(redis.url);
try {
	const signal = new AbortController().signal;
	const scope = 'bench';
	const local = governor(1_000_000, 10_000);
	const shared = redisBudget(client, { limit: 1_000_000, windowMs: 10_000 });
	// Both as the core calls them: `take(call)`, the call naming its scope (a budget otherwise derives
	// it from the call's key).
	const localBudget = { take: (call) => local.take(call.signal) };

	// A bare take, sequentially: what one slot costs.
	const takes = {};
	for (const [name, budget] of [
		['own governor', localBudget],
		['redis', shared],
	]) {
		const times = [];
		for (let i = 0; i < 2000; i++) {
			const t = performance.now();
			await budget.take({ scope: `${scope}-${name}`, signal });
			times.push((performance.now() - t) * 1000);
		}
		takes[name] = { p50: p(times, 0.5), p99: p(times, 0.99) };
	}

	// A create + its slot, sequentially, against the bench server: both warmed up first, then in
	// interleaved rounds, so drift in the machine's load reaches both alike.
	const subjects = {
		'no budget': new ClerkCore({ secretKey: KEY, serverURL: `${server.origin}/v1` }),
		'redis budget': new ClerkCore({ secretKey: KEY, serverURL: `${server.origin}/v1`, budget: redisBudget(client, { limit: 1_000_000, windowMs: 10_000 }) }),
	};
	const times = { 'no budget': [], 'redis budget': [] };
	const once = async (name, record) => {
		const t = performance.now();
		const res = await signInTokensCreate(subjects[name], { userId: 'user_2abcDEF123' });
		if (!res.ok) throw new Error(`bench call failed: ${res.error.kind}`);
		if (record) times[name].push(performance.now() - t);
	};
	for (const name of Object.keys(subjects)) for (let i = 0; i < 300; i++) await once(name, false);
	for (let round = 0; round < 10; round++) for (const name of Object.keys(subjects)) for (let i = 0; i < CALLS / 10; i++) await once(name, true);
	const calls = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));

	// Clerk's production limit: 2000 takes fired at once.
	const throughput = {};
	for (const [name, take] of [
		[
			'own governor',
			(g = governor(1000, 10_500)) =>
				() =>
					g.take(signal),
		],
		[
			'redis',
			(b = redisBudget(client, { limit: 1000, windowMs: 10_000 })) =>
				() =>
					b.take({ scope: 'throughput', signal }),
		],
	]) {
		const next = take();
		const t = performance.now();
		const granted = [];
		await Promise.all(Array.from({ length: 2000 }, () => next().then(() => granted.push(performance.now() - t))));
		granted.sort((a, b) => a - b);
		throughput[name] = { first1000: granted[999], all2000: granted[1999] };
	}

	console.log(`bench:budget on a local redis-server (${CALLS} sequential creates, 2000 bare takes, Node ${process.versions.node})\n`);
	console.log(`${''.padEnd(28)}${'take p50'.padStart(12)}${'take p99'.padStart(12)}`);
	for (const [name, t] of Object.entries(takes))
		console.log(`${name.padEnd(28)}${`${t.p50.toFixed(0)} µs`.padStart(12)}${`${t.p99.toFixed(0)} µs`.padStart(12)}`);
	console.log(`\n${'create, median latency'.padEnd(28)}${'ms'.padStart(12)}`);
	for (const [name, ms] of Object.entries(calls)) console.log(`${name.padEnd(28)}${ms.toFixed(3).padStart(12)}`);
	console.log(`added by the redis slot: ${(calls['redis budget'] - calls['no budget']).toFixed(3)} ms per call`);
	console.log(`\n${'1000 per 10 s, 2000 at once'.padEnd(28)}${'1000th slot'.padStart(14)}${'2000th slot'.padStart(14)}`);
	for (const [name, t] of Object.entries(throughput)) {
		console.log(`${name.padEnd(28)}${`${t.first1000.toFixed(0)} ms`.padStart(14)}${`${t.all2000.toFixed(0)} ms`.padStart(14)}`);
	}
} finally {
	client.disconnect();
	server.stop();
	await redis.stop();
}
