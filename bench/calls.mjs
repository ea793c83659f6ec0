#!/usr/bin/env node
// `npm run bench:calls [-- N]`: per-call cost of create + revoke, ours beside raw fetch, ky and
// @clerk/backend, against a local keep-alive server in another process. Figures, not pass/fail.
// Rounds interleave the subjects so machine drift hits them all alike. Run with --expose-gc.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createClerkClient } from '@clerk/backend';
import ky from 'ky';
import { ClerkCore } from '../dist/core.js';
import { signInTokensCreate } from '../dist/funcs/signInTokensCreate.js';
import { signInTokensRevoke } from '../dist/funcs/signInTokensRevoke.js';

const N = Number(process.argv[2] ?? 3000);
const ROUNDS = 5;
const CONCURRENCY = 32;
const KEY = 'sk_test_bench_0123456789abcdef';

const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
const [chunk] = await once(server.stdout, 'data');
const base = `http://127.0.0.1:${String(chunk).trim()}`;
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'clerk-api-version': '2026-05-12' };

const ours = new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1` });
const clerk = createClerkClient({ secretKey: KEY, apiUrl: base });
const kyDefault = ky.create({ prefix: `${base}/v1/`, headers });

// Each subject does one create and one revoke and returns true when both results are right.
const subjects = {
	'raw fetch': async () => {
		const created = await (await fetch(`${base}/v1/sign_in_tokens`, { method: 'POST', headers, body: JSON.stringify({ user_id: 'user_2abcDEF123' }) })).json();
		const revoked = await (await fetch(`${base}/v1/sign_in_tokens/${created.id}/revoke`, { method: 'POST', headers })).json();
		return created.status === 'pending' && revoked.status === 'revoked';
	},
	'ky (defaults)': async () => {
		const created = await kyDefault.post('sign_in_tokens', { json: { user_id: 'user_2abcDEF123' } }).json();
		const revoked = await kyDefault.post(`sign_in_tokens/${created.id}/revoke`).json();
		return created.status === 'pending' && revoked.status === 'revoked';
	},
	'clerk-sign-in-tokens': async () => {
		const created = await signInTokensCreate(ours, { userId: 'user_2abcDEF123' });
		if (!created.ok) return false;
		const revoked = await signInTokensRevoke(ours, { signInTokenId: created.value.id });
		return created.value.status === 'pending' && revoked.ok && revoked.value.status === 'revoked';
	},
	'@clerk/backend': async () => {
		const created = await clerk.signInTokens.createSignInToken({ userId: 'user_2abcDEF123' });
		const revoked = await clerk.signInTokens.revokeSignInToken(created.id);
		return created.status === 'pending' && revoked.status === 'revoked';
	},
};

const stats = Object.fromEntries(Object.keys(subjects).map((name) => [name, { cpu: 0, wall: 0, calls: 0, failures: 0, latencies: [], heapStart: 0, heapEnd: 0 }]));

async function run(name, count, concurrency) {
	const fn = subjects[name];
	const s = stats[name];
	let next = 0;
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
				s.latencies.push(performance.now() - t);
				if (!ok) s.failures++;
			}
		}),
	);
	const used = process.cpuUsage(cpu);
	s.cpu += used.user + used.system;
	s.wall += performance.now() - start;
	s.calls += count;
}

const heap = () => {
	globalThis.gc?.();
	globalThis.gc?.();
	return process.memoryUsage().heapUsed;
};

for (const name of Object.keys(subjects)) await run(name, 200, CONCURRENCY); // warm-up
for (const name of Object.keys(subjects)) {
	stats[name] = { ...stats[name], cpu: 0, wall: 0, calls: 0, failures: stats[name].failures, latencies: [] };
}
for (const name of Object.keys(subjects)) stats[name].heapStart = heap();

for (const [label, concurrency] of [['sequential', 1], [`concurrency ${CONCURRENCY}`, CONCURRENCY]]) {
	for (const s of Object.values(stats)) Object.assign(s, { cpu: 0, wall: 0, calls: 0, latencies: [] });
	for (let round = 0; round < ROUNDS; round++) {
		for (const name of Object.keys(subjects)) await run(name, Math.ceil(N / ROUNDS), concurrency);
	}
	const rawCpu = stats['raw fetch'].cpu / stats['raw fetch'].calls;
	console.log(`\n${label}: ${N} iterations per subject (1 iteration = create + revoke = 2 requests), ${ROUNDS} interleaved rounds`);
	console.log(`${'subject'.padEnd(22)}${'CPU µs/req'.padStart(12)}${'× fetch'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'req/s'.padStart(9)}  valid`);
	for (const [name, s] of Object.entries(stats)) {
		const sorted = [...s.latencies].sort((a, b) => a - b);
		const q = (p) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 2).toFixed(3);
		const cpuPerReq = s.cpu / s.calls / 2;
		console.log(
			`${name.padEnd(22)}${cpuPerReq.toFixed(1).padStart(12)}${(s.cpu / s.calls / rawCpu).toFixed(2).padStart(9)}${q(0.5).padStart(9)}${q(0.99).padStart(9)}${Math.round((s.calls * 2) / (s.wall / 1000)).toString().padStart(9)}  ${s.failures === 0 ? 'yes' : `INVALID (${s.failures} failures)`}`,
		);
	}
}

for (const name of Object.keys(subjects)) stats[name].heapEnd = heap();
console.log('\nheap after forced GC (whole process, measured before and after all rounds):');
for (const [name, s] of Object.entries(stats)) console.log(`${name.padEnd(22)}${(s.heapStart / 1e6).toFixed(1).padStart(8)} MB → ${(s.heapEnd / 1e6).toFixed(1)} MB`);
console.log(`\nmachine: ${process.platform} ${process.arch}, ${(await import('node:os')).cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`);
server.stdin.end();
server.kill();
