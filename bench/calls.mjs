#!/usr/bin/env node
// `npm run bench:calls [-- N]`: per-call cost of create + revoke, ours beside raw fetch, ky and
// @clerk/backend, against a local keep-alive server in another process. Figures, not pass/fail.
// Ends with instructions per call of the same subjects (bench/instructions.mjs; valgrind), beside
// the interleaved CPU ratios; `--no-instructions` skips that part.
// Rounds interleave the subjects, in a rotating order, so machine drift hits them all alike, and
// each subject's segment starts on a freshly collected heap; each figure is the median of the
// rounds, and each ratio the median of per-round ratios, so one noisy round moves neither.
// Then a heap phase: 20,000 calls (HEAP_CALLS) of each subject in turn, heap after forced GC at
// the start and every quarter. Run with --expose-gc.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ensureValgrind, instructionsPerCall, summarize } from './instructions.mjs';
import { median, rotated, startServer } from './harness.mjs';
import { makeSubjects } from './subjects.mjs';

const N = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 3000);
const HEAP_CALLS = Number(process.env.HEAP_CALLS ?? 20_000);
const ROUNDS = 10;
const CONCURRENCY = 32;

const server = await startServer();
const subjects = makeSubjects(server.origin);
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

const timeRatios = {};
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
		`${'subject'.padEnd(32)}${'CPU µs/call'.padStart(12)}${'× fetch'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'calls/s'.padStart(9)}  valid`,
	);
	for (const name of names) {
		const r = rounds[name];
		const ratio = median(r.map((round, i) => round.cpuPerCall / rounds['raw fetch'][i].cpuPerCall));
		if (concurrency === 1) timeRatios[name] = ratio;
		const sorted = r.flatMap((round) => round.latencies).sort((a, b) => a - b);
		const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
		const calls = r.reduce((sum, round) => sum + round.calls, 0);
		const wall = r.reduce((sum, round) => sum + round.wall, 0);
		const failures = r.reduce((sum, round) => sum + round.failures, 0);
		console.log(
			`${name.padEnd(32)}${median(r.map((round) => round.cpuPerCall))
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
		`${name.padEnd(32)}${marks.map((bytes) => `${(bytes / 1e6).toFixed(1)} MB`).join(' → ')}   ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} % after the first quarter${failures ? `   INVALID (${failures} failures)` : ''}`,
	);
}
// The deterministic figure beside the timed one: instructions per call under cachegrind.
if (!process.argv.includes('--no-instructions') && ensureValgrind()) {
	// One round: the timed figures above are this bench's point; check:cpu takes the median of several.
	const second = await startServer();
	const counted = summarize(await instructionsPerCall(names, [server, second], 1), 'raw fetch');
	second.stop();
	console.log('\nCPU per call, two ways: interleaved CPU time (sequential, median ratio) and instructions (cachegrind)');
	console.log(`${'subject'.padEnd(32)}${'time × fetch'.padStart(13)}${'instructions'.padStart(14)}${'× fetch'.padStart(9)}`);
	for (const name of names) {
		console.log(
			`${name.padEnd(32)}${timeRatios[name].toFixed(2).padStart(13)}${Math.round(counted[name].median).toLocaleString('en').padStart(14)}${counted[name].ratio.toFixed(2).padStart(9)}`,
		);
	}
}
console.log(`\nmachine: ${process.platform} ${process.arch}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, Node ${process.version}`);
server.stop();
