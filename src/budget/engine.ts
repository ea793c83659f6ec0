// What both budget adapters share: asking an engine (Redis, a Durable Object) for a slot within a
// bound, waiting as long as it says, and — when the engine cannot answer — deciding alone with this
// process's own governor, saying so through the core's logger, and trying the engine again later.
import * as v from 'valibot';
import { governor } from '../batch/governor.ts';
import type { Governor } from '../batch/governor.ts';
import type { BudgetEngine } from './index.ts';
import { MAX_TIMER_MS, custom, isCount } from '../lib/checks.ts';
import { isolated } from '../lib/isolated.ts';
import { sleep } from '../lib/sleep.ts';
import { listIssues, validate } from '../lib/validate.ts';

/** An engine's side of a budget: one atomic decision per call, on the engine's own clock. */
export interface Engine {
	/** What the engine is called in notes: `redis`, `durable object`. */
	name: string;
	/** Takes a slot of `scope` if one is free: 0 when taken, else the ms to wait before asking again. */
	take(scope: string, limit: number, windowMs: number): Promise<number>;
	/** Holds every taker of `scope` for `ms`. */
	pause(scope: string, ms: number): Promise<unknown>;
}

/** Options every adapter takes. */
export interface BudgetOptions {
	/** Requests allowed per window, across every process sharing the budget: Clerk's 100 (development) or 1000 (production). */
	limit: number;
	/** The window, in ms: Clerk's is 10,000. */
	windowMs: number;
	/**
	 * Added to the window, in ms: the time between a slot taken and its request reaching Clerk varies
	 * from request to request (a busy process, a new connection), and a request that arrives early
	 * must not land in the previous window. Default 5 % of the window, at least 200 ms; 0 trades that
	 * safety for throughput.
	 */
	marginMs?: number | undefined;
	/** How long one answer from the engine may take before this process decides alone, in ms; default 1,000 (`fileBudget`: 30,000). */
	engineTimeoutMs?: number | undefined;
	/** After the engine failed, how long this process decides alone before asking it again, in ms; default 5,000. */
	retryEngineAfterMs?: number | undefined;
}

/** Options with their defaults applied. */
export type Settings = { [K in keyof BudgetOptions]-?: Exclude<BudgetOptions[K], undefined> };

const ms = (max: number) => custom<number>((input) => input === 0 || isCount(max)(input), `must be a whole number of ms, 0 to ${max}`);

const OptionsSchema = v.object(
	{
		limit: v.custom<number>(isCount(1e6), 'must be a whole number of requests, at least 1'),
		windowMs: v.custom<number>(isCount(MAX_TIMER_MS), 'must be a whole number of ms, at least 1'),
		marginMs: ms(MAX_TIMER_MS),
		engineTimeoutMs: ms(MAX_TIMER_MS),
		retryEngineAfterMs: ms(MAX_TIMER_MS),
	},
	'must be an object',
);

/**
 * Checks an adapter's options, as `new ClerkCore` checks a config: a budget set up wrong throws at
 * once rather than limiting nothing.
 *
 * @param name The adapter's function, for the message.
 * @param options The options.
 * @param engineTimeoutDefault The adapter's default `engineTimeoutMs`.
 * @returns The options with their defaults.
 * @throws {TypeError} When one is missing, malformed or unknown.
 */
export function budgetOptions(name: string, options: unknown, engineTimeoutDefault = 1000): Settings {
	const checked = validate(OptionsSchema, options, 'options');
	if ('issues' in checked) throw new TypeError(`${name}: ${listIssues(checked.issues)}`);
	const { limit, windowMs, marginMs, engineTimeoutMs, retryEngineAfterMs } = options as BudgetOptions;
	return {
		limit,
		windowMs,
		marginMs: marginMs ?? Math.max(200, Math.ceil(windowMs / 20)),
		engineTimeoutMs: engineTimeoutMs ?? engineTimeoutDefault,
		retryEngineAfterMs: retryEngineAfterMs ?? 5000,
	};
}

/**
 * A `BudgetEngine` over an engine's atomic decisions. Each `take` asks the engine (bounded by `engineTimeoutMs` and the
 * call's signal) and sleeps as long as it says; when the engine fails or is slow, this process takes
 * its slot from its own governor — the same limit, counted only here — and the note says so; after
 * `retryEngineAfterMs` the engine is asked again.
 *
 * @param engine The engine.
 * @param options The checked options.
 * @returns The budget.
 */
export function engineBudget(engine: Engine, options: Settings): BudgetEngine {
	const { limit, windowMs, marginMs, engineTimeoutMs, retryEngineAfterMs } = options;
	const window = windowMs + marginMs;
	const local = new Map<string, Governor>();
	const alone = (scope: string) => local.get(scope) ?? (local.set(scope, governor(limit, window)).get(scope) as Governor);
	let downUntil = 0;
	let downWhy = '';
	return {
		async take(scope, signal) {
			for (;;) {
				if (Date.now() >= downUntil) {
					let wait: unknown;
					try {
						wait = await within(engine.take(scope, limit, window), engineTimeoutMs, signal);
						if (typeof wait !== 'number' || Number.isNaN(wait)) throw new TypeError('unreadable answer');
					} catch (error) {
						signal.throwIfAborted();
						downUntil = Date.now() + retryEngineAfterMs;
						downWhy = reason(error, engineTimeoutMs);
						wait = undefined;
					}
					if (wait === undefined) {
						// Falls through to this process's own governor, below.
					} else if ((wait as number) <= 0) return undefined;
					else {
						await sleep(Math.min(wait as number, MAX_TIMER_MS), signal);
						continue;
					}
				}
				await alone(scope).take(signal);
				return `${engine.name} ${downWhy}: this process kept to its own ${limit} per ${windowMs} ms`;
			}
		},
		pause(scope, ms) {
			alone(scope).pause(ms);
			isolated(() => within(engine.pause(scope, ms), engineTimeoutMs, new AbortController().signal));
		},
	};
}

const TIMEOUT = {};

// The engine's answer, or a rejection at the timer or the call's signal; a late answer is left to
// settle on its own, caught.
function within<T>(answer: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
	answer.catch(() => {});
	return new Promise<T>((resolve, reject) => {
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', abort);
		};
		const abort = () => {
			done();
			reject(signal.reason);
		};
		const timer = setTimeout(() => {
			done();
			reject(TIMEOUT);
		}, timeoutMs);
		if (signal.aborted) return abort();
		signal.addEventListener('abort', abort, { once: true });
		answer.then(
			(value) => (done(), resolve(value)),
			(error: unknown) => (done(), reject(error)),
		);
	});
}

// Why the engine did not answer, in words that cannot hold a credential: a code or a name, never a
// message (a client's message may quote its connection string).
function reason(error: unknown, timeoutMs: number): string {
	if (error === TIMEOUT) return `did not answer within ${timeoutMs} ms`;
	try {
		const { code, name } = error as { code?: unknown; name?: unknown };
		const said = typeof code === 'string' && /^[\w.-]{1,40}$/.test(code) ? code : typeof name === 'string' && /^\w{1,40}$/.test(name) ? name : 'an error';
		return `failed (${said})`;
	} catch {
		return 'failed';
	}
}
