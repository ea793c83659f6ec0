#!/usr/bin/env node
// `npm run bench:calls [-- N]`: per-call cost of create + revoke, ours beside raw fetch, ky and
// @clerk/backend, against a local keep-alive server in another process. Figures, not pass/fail.
// Rounds interleave the subjects, in a rotating order, so machine drift hits them all alike; each
// figure is the median of the rounds, and each ratio the median of per-round ratios, so one noisy
// round moves neither.
// Then a heap phase: 20,000 calls (HEAP_CALLS) of each subject in turn, heap after forced GC at
// the start and every quarter. Run with --expose-gc.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClerkClient } from '@clerk/backend';
import ky from 'ky';
import { ClerkCore } from '../dist/core.js';
import { signInTokensCreate } from '../dist/funcs/signInTokensCreate.js';
import { signInTokensRevoke } from '../dist/funcs/signInTokensRevoke.js';

const N = Number(process.argv[2] ?? 3000);
const HEAP_CALLS = Number(process.env.HEAP_CALLS ?? 20_000);
const ROUNDS = 10;
const CONCURRENCY = 32;
const KEY = 'sk_test_bench_0123456789abcdef';

const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const [chunk] = await once(server.stdout, 'data');
const base = `http://127.0.0.1:${String(chunk).trim()}`;
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'clerk-api-version': '2026-05-12' };

const ours = new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1` });
const oursNoRetry = new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1`, retry: 0 });
const clerk = createClerkClient({ secretKey: KEY, apiUrl: base });
const kyDefault = ky.create({ prefix: `${base}/v1/`, headers });
const kyBare = ky.create({ prefix: `${base}/v1/`, headers, retry: 0, timeout: false });

const viaKy = (client) => async () => {
	const created = await client.post('sign_in_tokens', { json: { user_id: 'user_2abcDEF123' } }).json();
	const revoked = await client.post(`sign_in_tokens/${created.id}/revoke`).json();
	return created.status === 'pending' && revoked.status === 'revoked';
};
const viaOurs = (core) => async () => {
	const created = await signInTokensCreate(core, { userId: 'user_2abcDEF123' });
	if (!created.ok) return false;
	const revoked = await signInTokensRevoke(core, { signInTokenId: created.value.id });
	return created.value.status === 'pending' && revoked.ok && revoked.value.status === 'revoked';
};

// Each subject does one create and one revoke and returns true when both results are right.
const subjects = {
	'raw fetch': async () => {
		const created = await (await fetch(`${base}/v1/sign_in_tokens`, { method: 'POST', headers, body: JSON.stringify({ user_id: 'user_2abcDEF123' }) })).json();
		const revoked = await (await fetch(`${base}/v1/sign_in_tokens/${created.id}/revoke`, { method: 'POST', headers })).json();
		return created.status === 'pending' && revoked.status === 'revoked';
	},
	'ky (retry 0, no timeout)': viaKy(kyBare),
	'ky (defaults)': viaKy(kyDefault),
	'clerk-sign-in-tokens': viaOurs(ours),
	'  same, retry: 0': viaOurs(oursNoRetry),
	'@clerk/backend': async () => {
		const created = await clerk.signInTokens.createSignInToken({ userId: 'user_2abcDEF123' });
		const revoked = await clerk.signInTokens.revokeSignInToken(created.id);
		return created.status === 'pending' && revoked.status === 'revoked';
	},
};
const names = Object.keys(subjects);

// Runs `count` iterations at `concurrency`; returns CPU µs per request and the latencies.
async function run(name, count, concurrency) {
	const fn = subjects[name];
	const latencies = [];
	let failures = 0;
	let next = 0;
	// Collect the previous subject's garbage before starting the clock and this subject's own before
	// stopping it, so no subject is billed for another's collections.
	globalThis.gc?.();
	const cpu = process.cpuUsage();
	const start = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < count) {
				next++;
				const t = performance.now();
				let ok = false;
				try {
					ok = await fn();
				} catch {
					ok = false;
				}
				latencies.push(performance.now() - t);
				if (!ok) failures++;
			}
		}),
	);
	const wall = performance.now() - start;
	globalThis.gc?.();
	const used = process.cpuUsage(cpu);
	return { cpuPerReq: (used.user + used.system) / count / 2, wall, latencies, failures };
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
const heap = () => {
	globalThis.gc?.();
	globalThis.gc?.();
	return process.memoryUsage().heapUsed;
};

for (const name of names) await run(name, 200, CONCURRENCY); // warm-up

for (const [label, concurrency] of [['sequential', 1], [`concurrency ${CONCURRENCY}`, CONCURRENCY]]) {
	const rounds = Object.fromEntries(names.map((name) => [name, []]));
	for (let round = 0; round < ROUNDS; round++) {
		// Each round starts with the next subject, so none always runs right after the same one.
		for (let i = 0; i < names.length; i++) {
			const name = names[(round + i) % names.length];
			rounds[name].push(await run(name, Math.ceil(N / ROUNDS), concurrency));
		}
	}
	console.log(`\n${label}: ${N} iterations per subject (1 iteration = create + revoke = 2 requests), ${ROUNDS} interleaved rounds, medians`);
	console.log(`${'subject'.padEnd(26)}${'CPU µs/req'.padStart(11)}${'× fetch'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s'.padStart(9)}  valid`);
	for (const name of names) {
		const r = rounds[name];
		const ratio = median(r.map((round, i) => round.cpuPerReq / rounds['raw fetch'][i].cpuPerReq));
		const sorted = r.flatMap((round) => round.latencies).sort((a, b) => a - b);
		const q = (p) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 2).toFixed(3);
		const calls = r.reduce((sum, round) => sum + round.latencies.length, 0);
		const wall = r.reduce((sum, round) => sum + round.wall, 0);
		const failures = r.reduce((sum, round) => sum + round.failures, 0);
		console.log(
			`${name.padEnd(26)}${median(r.map((round) => round.cpuPerReq)).toFixed(1).padStart(11)}${ratio.toFixed(2).padStart(9)}${q(0.5).padStart(9)}${q(0.99).padStart(9)}${Math.round((calls * 2) / (wall / 1000)).toString().padStart(9)}  ${failures === 0 ? 'yes' : `INVALID (${failures} failures)`}`,
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
server.stdin.end();
server.kill();
