#!/usr/bin/env node
// `npm run bench:instructions` / `npm run check:cpu`: CPU as a deterministic figure, like bytes —
// instructions per call, counted by valgrind's cachegrind (Debian's `valgrind`) on the bench's own
// subjects (bench/subjects.mjs), in the client process only: the server runs apart. Each subject
// runs twice, with the same warm-up and a different number of measured iterations; the difference
// of the two counts cancels start-up, loading and warm-up, and divided by the extra calls it is
// what one call costs. `--check` holds the budgets. Names on the command line measure only those
// subjects (with raw fetch, the unit).
//
// Where the spread came from, and what removes it (issue #17, measured with this script and
// callgrind function-level diffs of an idle and a busy run):
// - V8's heap sizing, incremental-marking steps and memory reducer run on wall-clock heuristics,
//   so a busy machine changed how often and how much the collector ran: fixed by
//   --predictable-gc-schedule, --no-incremental-marking, --no-memory-reducer and
//   --no-minor-gc-task (a young-generation collection posted as a task ran, or not, depending on
//   when the event loop got to it: a run under load counted 3 % less without it);
// - background compile and GC threads finished at different points of the run: --single-threaded;
// - the per-process random hash seed (searched for a prime at start-up) and identity hashes:
//   --hash-seed and --random-seed;
// - address-space randomization, which moves V8's stub-cache collisions and the addresses hashed
//   into its tables from one process to the next: a run of the same subject varied by 3 %; under
//   `setarch -R` three runs agree within 0.02 %;
// - the server's pace moved the client's event-loop turns (which of Node's stream paths run, and
//   when): the server answers a counted process only once it waits (server.mjs), ±4 % → ±0.6 %;
// - what is left is smoothed by taking each ratio as the median of ROUNDS interleaved rounds, and
//   the budgets leave three times the measured spread.
// Every subject runs under the same flags, so the ratios compare like with like.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { median, rotated, startServer } from './harness.mjs';
import { makeSubjects } from './subjects.mjs';

const run = promisify(execFile);
// The counted region is iterations 400 to 1,200 (1,600 calls). Shorter ones were tried for
// .ci/run's time (issue #25) and not kept: starting after 150 + 50 still counted V8 optimizing
// undici (raw fetch +18 % a call, ratios moved up to 12 %), and 400 iterations instead of 800 made
// a round's ratios swing by whether a major collection fell inside (ours / ky + retries 1.004
// against 0.858). What saves the time instead: the counts are queued on both cores with no wait
// for a pair's longer run, and a ratio its first round decides is not counted again (ROUND_SPREAD).
const WARM = 300;
const [N1, N2] = [100, 900];
const ROUNDS = Number(process.env.ROUNDS ?? 3);
// The gate: each limit sits three times the spread of the run medians above their median — six
// runs on ky 2.2: idle, busy, and fresh clones' `.ci/run`, idle and busy (BENCHMARKS.md). Issue #14's goals —
// ours ≤ ky with POST retries and a caller's signal, within 10 % of ky lean — are what the medians
// are read against; the limits are looser than the goals by that spread, so a run cannot fail on
// noise alone.
// See BENCHMARKS.md, "Six runs on ky 2.2" (the seven earlier runs were on ky 2.1).
export const BUDGET = { rawFetch: 2.16, kyLean: 1.35, kyRetries: 1.1 };
// How far one round may read from its run's median: the rounds of one run differ by up to ±10 %
// (BENCHMARKS.md). A ratio whose first round is that far under its limit is decided by that round;
// the others get all ROUNDS rounds, and their median decides.
export const ROUND_SPREAD = 0.1;
export const OURS = 'clerk-sign-in-tokens';
export const DEFAULT_SUBJECTS = ['raw fetch', 'ky lean (retry 0, no timeout)', 'ky + POST retries + signal', OURS];

const VALGRIND = '/usr/bin/valgrind';
export const FLAGS = [
	// The subject process collects its garbage before it exits (see subject-run.mjs).
	'--expose-gc',
	'--single-threaded',
	'--predictable-gc-schedule',
	'--no-incremental-marking',
	'--no-memory-reducer',
	'--no-minor-gc-task',
	'--hash-seed=1',
	'--random-seed=1',
];

/**
 * The Node major the counts are taken on: the project's `node` devDependency. Another Node (a bare
 * `node` on the PATH, Node 20 here) runs other code and counts 2.4× more: its figures say nothing
 * about the budgets.
 *
 * @returns An error message, or `undefined` when this is the project's Node.
 */
export function wrongNode() {
	const { devDependencies } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
	const wanted = /\d+/.exec(devDependencies.node)?.[0];
	const major = process.versions.node.split('.')[0];
	return major === wanted
		? undefined
		: `instructions: this is Node ${process.versions.node}; the budgets are set on Node ${wanted} (the project's \`node\` devDependency). Run it through npm: npm run check:cpu`;
}

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

// Instructions of one run of a subject: WARM + n iterations, then a full collection. The server
// answers this process only when it waits (see server.mjs).
async function count(name, n, server) {
	const script = fileURLToPath(new URL('./subject-run.mjs', import.meta.url));
	const args = [
		'--tool=cachegrind',
		'--cache-sim=no',
		'--cachegrind-out-file=/dev/null',
		process.execPath,
		...FLAGS,
		script,
		name,
		String(WARM),
		String(n),
		server.origin,
	];
	// Without address-space randomization (util-linux's setarch -R), where it is available.
	const counting = SETARCH ? run(SETARCH, [ARCH, '-R', VALGRIND, ...args], OPTIONS) : run(VALGRIND, args, OPTIONS);
	server.watch(counting.child.pid);
	const { stderr } = await counting;
	const refs = /I\s+refs:\s+([\d,]+)/.exec(stderr)?.[1];
	if (!refs) throw new Error(`no instruction count for ${name}:\n${stderr.slice(-2000)}`);
	return Number(refs.replaceAll(',', ''));
}

const OPTIONS = { maxBuffer: 16 * 1024 * 1024 };
const SETARCH = ['/usr/bin/setarch', '/bin/setarch'].find((path) => existsSync(path));
const ARCH = { x64: 'x86_64', arm64: 'aarch64' }[process.arch] ?? process.arch;

/**
 * Counts instructions per call of each subject, in `rounds` interleaved rounds (each starting with
 * the next subject), so a change in the machine's load reaches every subject alike. The counts are
 * queued in that order — each subject's two runs side by side — and taken as many at once as there
 * are servers (a server answers the one process it watches), so each process counts only its own
 * instructions and no core waits for the other's longer run.
 *
 * A subject's short run (start-up, loading and warm-up: what the difference cancels) is counted
 * once per `lows` map: a subject already in it is not counted short again, so a follow-up's rounds
 * count only the long run (see `--check` below and BENCHMARKS.md for what that was measured to
 * change).
 *
 * @param {string[]} names Subjects of bench/subjects.mjs; the first is the unit of the ratios.
 * @param {{ origin: string, watch(pid: number): void }[]} servers The bench servers, one per count at once.
 * @param {number} rounds How many rounds.
 * @param {number} from The first round's place in the rotation (a follow-up continues it).
 * @param {Map<string, number>} [lows] Short-run counts by subject, filled here and reused; without it every round counts its own.
 * @returns {Promise<Record<string, number>[]>} Instructions per call, by subject, one record a round.
 */
export async function instructionsPerCall(names, servers, rounds = ROUNDS, from = 0, lows) {
	const queue = [];
	for (let round = 0; round < rounds; round++) {
		for (const name of rotated(names, from + round)) {
			const short = lows
				? lows.has(name) || queue.some((job) => job.name === name && job.n === N1)
					? []
					: [{ round: 'once', name, n: N1 }]
				: [{ round, name, n: N1 }];
			queue.push(...short, { round, name, n: N2 });
		}
	}
	const counted = new Map();
	let next = 0;
	const worker = async (server) => {
		while (next < queue.length) {
			const job = queue[next++];
			counted.set(`${job.round} ${job.name} ${job.n}`, await count(job.name, job.n, server));
		}
	};
	await Promise.all(servers.map(worker));
	for (const name of names) if (lows && !lows.has(name)) lows.set(name, counted.get(`once ${name} ${N1}`));
	const low = (round, name) => (lows ? lows.get(name) : counted.get(`${round} ${name} ${N1}`));
	return Array.from({ length: rounds }, (_, round) =>
		Object.fromEntries(names.map((name) => [name, (counted.get(`${round} ${name} ${N2}`) - low(round, name)) / ((N2 - N1) * 2)])),
	);
}

/**
 * The median of each subject's figure, and of each ratio over the rounds, with the ratio's spread.
 *
 * @param {Record<string, number>[]} rounds One record of instructions per call a round.
 * @param {string} over The subject a ratio divides by.
 * @returns {Record<string, { median: number, ratio: number, low: number, high: number }>} By subject.
 */
export function summarize(rounds, over) {
	return Object.fromEntries(
		Object.keys(rounds[0]).map((name) => {
			const ratios = rounds.map((r) => r[name] / r[over]);
			return [name, { median: median(rounds.map((r) => r[name])), ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) }];
		}),
	);
}

const pct = (value, reference) => `±${((Math.max(value.high - reference, reference - value.low) / reference) * 100).toFixed(1)} %`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const node = wrongNode();
	if (node) {
		console.error(node);
		process.exit(1);
	}
	const check = process.argv.includes('--check');
	const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
	const names = check ? DEFAULT_SUBJECTS : named.length ? ['raw fetch', ...named.filter((name) => name !== 'raw fetch')] : DEFAULT_SUBJECTS;
	// A misspelt subject is refused before minutes of counting, with the names there are.
	const known = Object.keys(makeSubjects('http://127.0.0.1'));
	const unknown = names.filter((name) => !known.includes(name));
	if (unknown.length > 0) {
		console.error(
			`instructions: no subject named ${unknown.map((name) => JSON.stringify(name)).join(', ')}; the subjects are:\n${known.map((name) => `  ${JSON.stringify(name)}`).join('\n')}`,
		);
		process.exit(2);
	}
	if (!ensureValgrind()) process.exit(1);
	const servers = [await startServer(), await startServer()];
	const [, lean, retries] = DEFAULT_SUBJECTS;
	const ratios = [
		['ours / raw fetch', 'raw fetch', BUDGET.rawFetch],
		['ours / ky lean', lean, BUDGET.kyLean],
		['ours / ky + POST retries + signal', retries, BUDGET.kyRetries],
	];
	let rounds;
	let more = [];
	let open = [];
	try {
		if (!check) rounds = await instructionsPerCall(names, servers);
		else {
			// One round of every subject; then the rest of the rounds for the ratios it did not decide,
			// of only the subjects they divide.
			// The follow-up counts only the long runs: each subject's short run is round 1's.
			const lows = new Map();
			rounds = await instructionsPerCall(names, servers, 1, 0, lows);
			open = ratios.filter(([, over, limit]) => rounds[0][OURS] / rounds[0][over] > limit * (1 - ROUND_SPREAD));
			if (open.length) more = await instructionsPerCall([OURS, ...open.map(([, over]) => over)], servers, ROUNDS - 1, 1, lows);
		}
	} finally {
		for (const server of servers) server.stop();
	}
	const byFetch = summarize(rounds, 'raw fetch');
	console.log(
		`instructions per call on Node ${process.versions.node} (cachegrind; ${N2 - N1} extra iterations of a create and a revoke after ${WARM + N1} warm-up ones; ${check ? 'the first round' : `median of ${ROUNDS} rounds`})`,
	);
	console.log(`${'subject'.padEnd(32)}${'instructions'.padStart(14)}${'× fetch'.padStart(9)}${'rounds'.padStart(22)}`);
	for (const [name, s] of Object.entries(byFetch)) {
		console.log(
			`${name.padEnd(32)}${Math.round(s.median).toLocaleString('en').padStart(14)}${s.ratio.toFixed(3).padStart(9)}${`${s.low.toFixed(3)}–${s.high.toFixed(3)}`.padStart(22)}`,
		);
	}
	if (check) {
		const verdicts = ratios.map(([label, over, limit]) => {
			const decided = !open.some(([l]) => l === label);
			const values = [rounds[0], ...(decided ? [] : more)].map((r) => r[OURS] / r[over]);
			const ratio = median(values);
			return { label, limit, ratio, decided, values, fail: ratio > limit };
		});
		for (const { label, limit, ratio, decided, values, fail } of verdicts) {
			const how = decided
				? `round 1, ≥ ${ROUND_SPREAD * 100} % under its limit`
				: `median of ${values.length} rounds ${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)}, ${pct({ low: Math.min(...values), high: Math.max(...values) }, ratio)}`;
			console.log(`${fail ? 'FAIL' : 'ok  '}  ${label} ${ratio.toFixed(3)} (${how}) ≤ ${limit}`);
		}
		process.exitCode = verdicts.some((v) => v.fail) ? 1 : 0;
	}
}
