#!/usr/bin/env node
// `npm run bench:instructions` / `npm run check:cpu`: CPU as a deterministic figure, like bytes —
// instructions per call, counted by valgrind's cachegrind (Debian's `valgrind`) on the bench's own
// subjects (bench/subjects.mjs), in the client process only: the server runs apart. Each subject
// runs twice, with the same warm-up and a different number of measured iterations; the difference
// of the two counts cancels start-up, loading and warm-up, and divided by the extra calls it is
// what one call costs. A ratio of two counts taken on one machine is stable; an absolute time is
// not. `--check` holds the budget on ours / raw fetch. Names on the command line measure only
// those subjects (with raw fetch, the unit).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer } from './harness.mjs';

const run = promisify(execFile);
const WARM = 300;
const [N1, N2] = [100, 900];
// The goal (issue #14): ours ≤ ky with POST retries and a caller's signal, and within 10 % of ky
// lean, both measured in the same run; and a budget on ours / raw fetch, set from this project's
// machines (ours 1.57, ky lean 1.48, ky + retries + signal 1.66; see BENCHMARKS.md) with room for
// the ±1.5 % two runs differ by.
export const BUDGET = { rawFetch: 1.65, kyLean: 1.1, kyRetries: 1.0 };
export const OURS = 'clerk-sign-in-tokens';
export const DEFAULT_SUBJECTS = ['raw fetch', 'ky lean (retry 0, no timeout)', 'ky + POST retries + signal', OURS];

const VALGRIND = '/usr/bin/valgrind';
// The subject process collects its garbage before it exits (see subject-run.mjs).
const FLAGS = ['--expose-gc'];

/** Installs Debian's valgrind when it is missing and this is root (a fresh CI machine); else explains. */
export function ensureValgrind() {
	if (existsSync(VALGRIND)) return true;
	if (process.getuid?.() !== 0) {
		console.error(`instructions: ${VALGRIND} is missing and installing Debian's valgrind needs root: apt-get install valgrind`);
		return false;
	}
	console.log('instructions: installing Debian valgrind…');
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', 'valgrind'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	return existsSync(VALGRIND);
}

/**
 * Counts instructions per call of each subject.
 *
 * @param {string[]} names Subjects of bench/subjects.mjs; the first is the unit of the ratios.
 * @param {string} origin The bench server's origin.
 * @returns {Promise<Record<string, number>>} Instructions per call, by subject.
 */
export async function instructionsPerCall(names, origin) {
	const count = async (name, n) => {
		const { stderr } = await run(
			VALGRIND,
			[
				'--tool=cachegrind',
				'--cache-sim=no',
				'--cachegrind-out-file=/dev/null',
				process.execPath,
				...FLAGS,
				fileURLToPath(new URL('./subject-run.mjs', import.meta.url)),
				name,
				String(WARM),
				String(n),
				origin,
			],
			{ maxBuffer: 16 * 1024 * 1024 },
		);
		const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1];
		if (!refs) throw new Error(`no instruction count for ${name}:\n${stderr.slice(-2000)}`);
		return Number(refs.replaceAll(',', ''));
	};
	const perCall = {};
	for (const name of names) {
		const [low, high] = [await count(name, N1), await count(name, N2)];
		perCall[name] = (high - low) / ((N2 - N1) * 2);
	}
	return perCall;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const check = process.argv.includes('--check');
	const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
	const names = check ? DEFAULT_SUBJECTS : named.length ? ['raw fetch', ...named.filter((name) => name !== 'raw fetch')] : DEFAULT_SUBJECTS;
	if (!ensureValgrind()) process.exit(1);
	const server = await startServer();
	let perCall;
	try {
		perCall = await instructionsPerCall(names, server.origin);
	} finally {
		server.stop();
	}
	const unit = perCall['raw fetch'];
	console.log(`instructions per call (cachegrind; ${N2 - N1} extra iterations of a create and a revoke, after ${WARM} warm-up ones)`);
	console.log(`${'subject'.padEnd(32)}${'instructions'.padStart(14)}${'× fetch'.padStart(9)}`);
	for (const [name, n] of Object.entries(perCall))
		console.log(`${name.padEnd(32)}${Math.round(n).toLocaleString('en').padStart(14)}${(n / unit).toFixed(2).padStart(9)}`);
	const ours = perCall[OURS];
	if (check) {
		const [, lean, retries] = DEFAULT_SUBJECTS.map((name) => perCall[name]);
		const checks = [
			[`ours / raw fetch ${(ours / unit).toFixed(3)}`, ours / unit, BUDGET.rawFetch],
			[`ours / ky lean ${(ours / lean).toFixed(3)}`, ours / lean, BUDGET.kyLean],
			[`ours / ky + POST retries + signal ${(ours / retries).toFixed(3)}`, ours / retries, BUDGET.kyRetries],
		];
		for (const [label, value, limit] of checks) console.log(`${value > limit ? 'FAIL' : 'ok  '}  ${label} ≤ ${limit}`);
		process.exitCode = checks.some(([, value, limit]) => value > limit) ? 1 : 0;
	}
}
