#!/usr/bin/env node
// `npm run bench:calls [-- N]`: per-call cost of create + revoke, ours beside raw fetch, ky and
// @clerk/backend, against a local keep-alive server in another process. Figures, not pass/fail.
// Rounds interleave the subjects, in a rotating order, so machine drift hits them all alike, and
// each subject's segment starts on a freshly collected heap; each figure is the median of the
// rounds, and each ratio the median of per-round ratios, so one noisy round moves neither.
// Then a heap phase: 20,000 calls (HEAP_CALLS) of each subject in turn, heap after forced GC at
// the start and every quarter. Run with --expose-gc.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClerkClient } from '@clerk/backend';
import ky from 'ky';
import { ClerkCore } from '../dist/core.js';
import { signInTokensCreate } from '../dist/funcs/signInTokensCreate.js';
import { signInTokensRevoke } from '../dist/funcs/signInTokensRevoke.js';
import { median, rotated, startServer } from './harness.mjs';

const N = Number(process.argv[2] ?? 3000);
const HEAP_CALLS = Number(process.env.HEAP_CALLS ?? 20_000);
const ROUNDS = 10;
const CONCURRENCY = 32;
const KEY = 'sk_test_bench_0123456789abcdef';

const server = await startServer();
const base = server.origin;
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'clerk-api-version': '2026-05-12' };

const ours = new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1` });
const oursNoRetry = new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1`, retry: 0 });
const clerk = createClerkClient({ secretKey: KEY, apiUrl: base });
const kyDefault = ky.create({ prefix: `${base}/v1/`, headers });
const kyBare = ky.create({ prefix: `${base}/v1/`, headers, retry: 0, timeout: false });

// Each subject does one create and one revoke, timing each call with `time`, and returns true when
// both results are right.
const viaKy = (client) => async (time) => {
	const created = await time(() => client.post('sign_in_tokens', { json: { user_id: 'user_2abcDEF123' } }).json());
	const revoked = await time(() => client.post(`sign_in_tokens/${created.id}/revoke`).json());
	return created.status === 'pending' && revoked.status === 'revoked';
};
const viaOurs = (core) => async (time) => {
	const created = await time(() => signInTokensCreate(core, { userId: 'user_2abcDEF123' }));
	if (!created.ok) return false;
	const revoked = await time(() => signInTokensRevoke(core, { signInTokenId: created.value.id }));
	return created.value.status === 'pending' && revoked.ok && revoked.value.status === 'revoked';
};

const subjects = {
	'raw fetch': async (time) => {
		const created = await time(async () =>
			(await fetch(`${base}/v1/sign_in_tokens`, { method: 'POST', headers, body: JSON.stringify({ user_id: 'user_2abcDEF123' }) })).json(),
		);
		const revoked = await time(async () => (await fetch(`${base}/v1/sign_in_tokens/${created.id}/revoke`, { method: 'POST', headers })).json());
		return created.status === 'pending' && revoked.status === 'revoked';
	},
	'ky (retry 0, no timeout)': viaKy(kyBare),
	'ky (defaults)': viaKy(kyDefault),
	'clerk-sign-in-tokens': viaOurs(ours),
	'  same, retry: 0': viaOurs(oursNoRetry),
	'@clerk/backend': async (time) => {
		const created = await time(() => clerk.signInTokens.createSignInToken({ userId: 'user_2abcDEF123' }));
		const revoked = await time(() => clerk.signInTokens.revokeSignInToken(created.id));
		return created.status === 'pending' && revoked.status === 'revoked';
	},
};
const names = Object.keys(subjects);

// Runs `count` iterations (2 calls each) at `concurrency`; returns CPU µs per call, each call's
// latency in ms, and the failures.
async function run(name, count, concurrency) {
	const fn = subjects[name];
	const latencies = [];
	const time = async (call) => {
		const t = performance.now();
		const value = await call();
		latencies.push(performance.now() - t);
		return value;
	};
	let failures = 0;
	let next = 0;
	// Collect the previous subject's garbage before starting the clock, so no subject is billed for
	// another's collections. (A forced collection inside the window would add the same fixed cost to
	// every subject and pull every ratio towards 1.)
	globalThis.gc?.();
	const cpu = process.cpuUsage();
	const start = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				next++;
				let ok = false;
				try {
					ok = await fn(time);
				} catch {
					ok = false;
				}
				if (!ok) failures++;
			}
		}),
	);
	const used = process.cpuUsage(cpu);
	const wall = performance.now() - start;
	return { cpuPerCall: (used.user + used.system) / count / 2, wall, latencies, failures, calls: count * 2 };
}

const heap = () => {
	globalThis.gc?.();
	globalThis.gc?.();
	return process.memoryUsage().heapUsed;
};

for (const name of names) await run(name, 200, CONCURRENCY); // warm-up

for (const [label, concurrency] of [
	['sequential', 1],
	[`concurrency ${CONCURRENCY}`, CONCURRENCY],
]) {
	const rounds = Object.fromEntries(names.map((name) => [name, []]));
	for (let round = 0; round < ROUNDS; round++) {
		for (const name of rotated(names, round)) rounds[name].push(await run(name, Math.ceil(N / ROUNDS), concurrency));
	}
	console.log(`\n${label}: ${N} iterations per subject (1 iteration = a create and a revoke call), ${ROUNDS} interleaved rounds, medians`);
	console.log(
		`${'subject'.padEnd(26)}${'CPU µs/call'.padStart(12)}${'× fetch'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'calls/s'.padStart(9)}  valid`,
	);
	for (const name of names) {
		const r = rounds[name];
		const ratio = median(r.map((round, i) => round.cpuPerCall / rounds['raw fetch'][i].cpuPerCall));
		const sorted = r.flatMap((round) => round.latencies).sort((a, b) => a - b);
		const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
		const calls = r.reduce((sum, round) => sum + round.calls, 0);
		const wall = r.reduce((sum, round) => sum + round.wall, 0);
		const failures = r.reduce((sum, round) => sum + round.failures, 0);
		console.log(
			`${name.padEnd(26)}${median(r.map((round) => round.cpuPerCall))
				.toFixed(1)
				.padStart(12)}${ratio.toFixed(2).padStart(9)}${q(0.5).padStart(9)}${q(0.99).padStart(9)}${Math.round(calls / (wall / 1000))
				.toString()
				.padStart(9)}  ${failures === 0 ? 'yes' : `INVALID (${failures} failures)`}`,
		);
	}
}

// Heap: `HEAP_CALLS` function calls (half creates, half revokes) per subject, in one run each.
console.log(`\nheap after forced GC, every ${HEAP_CALLS / 4} calls of ${HEAP_CALLS} (sequential):`);
for (const name of names) {
	const marks = [heap()];
	let failures = 0;
	for (let quarter = 0; quarter < 4; quarter++) {
		failures += (await run(name, HEAP_CALLS / 8, 1)).failures;
		marks.push(heap());
	}
	const growth = ((marks[4] - marks[1]) / marks[1]) * 100;
	console.log(
		`${name.padEnd(26)}${marks.map((bytes) => `${(bytes / 1e6).toFixed(1)} MB`).join(' → ')}   ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % after the first quarter${failures ? `   INVALID (${failures} failures)` : ''}`,
	);
}
console.log(`\nmachine: ${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`);
server.stop();
