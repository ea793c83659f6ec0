// The `clerk-sign-in-tokens/budget/file` entry: a budget shared by every process on this machine
// through a small file per scope, guarded by a lock directory — no server, no infrastructure: what
// Playwright's workers (and Cypress's plugin process, and a second run on the same CI box) need to
// stay under Clerk's limits together. Node only.
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Budget } from '../pipeline/options.ts';
import { budgetOptions, engineBudget } from './engine.ts';
import type { BudgetOptions, Engine } from './engine.ts';
import { budget } from './index.ts';

/** Options of `fileBudget`. */
export interface FileBudgetOptions extends BudgetOptions {
	/**
	 * The directory the budget's files live in; default `clerk-sign-in-tokens-budget` in the
	 * system's temporary directory, which every process on the machine shares.
	 */
	dir?: string | undefined;
}

// A lock held longer than this was left by a process that died holding it: a holder keeps it for
// one read and one write of a small file.
const STALE_LOCK_MS = 10_000;
// A file on this machine's disk answers slowly only when the machine is busy — eight Playwright
// workers and their browsers on two cores — and deciding alone then would let every process take
// the whole limit at once: exactly the 429s the budget is for. So it is waited for well past the
// takeover of a dead holder's lock; a real failure (a directory that cannot be written) is an
// error at once, not a timeout.
const ENGINE_TIMEOUT_MS = 30_000;

/**
 * A budget shared through files: every core given one, in every process on this machine, takes
 * each attempt's slot from one sliding window per scope (the secret key's SHA-256, never the key),
 * kept in `<dir>/<scope>.json` and changed under a lock (`<scope>.lock`, a directory: creating one
 * is atomic). A lock left by a process that died is taken over after 10 s. When the files cannot be
 * read or written (an error, or no answer within `engineTimeoutMs`, default 30 s here: a local file
 * is slow only on a busy machine, where deciding alone would let every process take the whole
 * limit), a process keeps to its own `limit` per window and the core's logger is told, as with the
 * other engines.
 *
 * @param options The limit and window to share, the margins, and the directory.
 * @returns The budget, for `new ClerkCore({ budget })`.
 * @throws {TypeError} When an option is wrong.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ budget: fileBudget({ limit: 100, windowMs: 10_000 }) });
 * ```
 */
export function fileBudget(options: FileBudgetOptions): Budget {
	const { dir = join(tmpdir(), 'clerk-sign-in-tokens-budget'), ...rest } = (
		typeof options === 'object' && options !== null ? options : {}
	) as FileBudgetOptions;
	if (typeof dir !== 'string' || dir === '') throw new TypeError('fileBudget: options.dir must be a non-empty string');
	const settings = budgetOptions('fileBudget', options === null || typeof options !== 'object' ? options : rest, ENGINE_TIMEOUT_MS);
	return budget(engineBudget(fileEngine(dir), settings));
}

/**
 * The engine behind `fileBudget`: a sliding window per scope in `<dir>/<scope>.json`, changed
 * under `<scope>.lock`.
 *
 * @param dir The directory of the files.
 * @returns The engine.
 */
export function fileEngine(dir: string): Engine {
	const locked = <T>(scope: string, change: (state: State, now: number) => T) => withLock(dir, scope, change);
	return {
		name: 'file',
		take: (scope, limit, windowMs) =>
			locked(scope, (state, now) => {
				if (state.pausedUntil > now) return state.pausedUntil - now;
				state.log = state.log.filter((t) => t > now - windowMs);
				if (state.log.length >= limit) return Math.max(1, (state.log[0] as number) + windowMs - now);
				state.log.push(now);
				return 0;
			}),
		pause: (scope, ms) =>
			locked(scope, (state, now) => {
				state.pausedUntil = Math.max(state.pausedUntil, now + ms);
			}),
	};
}

interface State {
	log: number[];
	pausedUntil: number;
}

// Runs one change of a scope's state under its lock: read, change, write (to a temporary file,
// renamed over the old one, so a reader never sees half a state), release.
async function withLock<T>(dir: string, scope: string, change: (state: State, now: number) => T): Promise<T> {
	if (!/^[\w-]{1,128}$/.test(scope)) throw new TypeError('fileBudget: a scope is a hash in hex');
	await mkdir(dir, { recursive: true });
	const lock = join(dir, `${scope}.lock`);
	const file = join(dir, `${scope}.json`);
	await acquire(lock);
	try {
		const state = await read(file);
		const result = change(state, Date.now());
		const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
		await writeFile(temporary, JSON.stringify(state));
		await rename(temporary, file);
		return result;
	} finally {
		await rm(lock, { recursive: true, force: true });
	}
}

async function acquire(lock: string): Promise<void> {
	for (let spin = 0; ; spin++) {
		try {
			await mkdir(lock);
			return;
		} catch (error) {
			if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
		}
		// Taken: by a live holder for a moment, or left by one that died.
		const since = await stat(lock).then(
			(s) => Date.now() - s.mtimeMs,
			() => 0,
		);
		if (since > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
		// A holder needs a millisecond or two; the engine's timeout bounds the whole wait.
		await new Promise((resolve) => setTimeout(resolve, Math.min(2 + spin, 20)));
	}
}

async function read(file: string): Promise<State> {
	const text = await readFile(file, 'utf8').catch((error: { code?: unknown }) => {
		if (error.code === 'ENOENT') return '{}';
		throw error;
	});
	let saved: Partial<State>;
	try {
		saved = JSON.parse(text) as Partial<State>;
	} catch {
		saved = {}; // a state no process could have written is no state
	}
	return {
		log: Array.isArray(saved.log) ? saved.log.filter((t): t is number => typeof t === 'number') : [],
		pausedUntil: typeof saved.pausedUntil === 'number' ? saved.pausedUntil : 0,
	};
}
