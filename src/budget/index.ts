// The `clerk-sign-in-tokens/budget` entry: a request budget shared beyond this process, for the
// core's `budget`, over an engine of your own. Redis and Durable Object engines come ready-made
// (`…/budget/redis`, `…/budget/durable-object`) and are wrapped the same way: the slot before each
// attempt, the pause after a 429 and the note of an engine that failed are all the budget's own
// code, which a core without a budget does not carry.
import { isolated } from '../lib/isolated.ts';
import { register } from '../lib/option.ts';
import { scopeOf } from '../lib/scope.ts';
import type { Budget } from '../pipeline/options.ts';
import type { BudgetOption } from '../pipeline/types.ts';

/**
 * The engine of a budget: what a core with one asks before every attempt it sends (retries
 * included), and tells when Clerk answers 429, so every process sharing it stays under Clerk's
 * per-instance limit together.
 */
export interface BudgetEngine {
	/**
	 * Takes one slot for an attempt, waiting while none is free. Resolves when the attempt may go
	 * (to a note when the budget decided without its engine, which the core's logger receives as a
	 * `budget` event), and rejects only when `signal` aborts. A budget that rejects otherwise ends
	 * the call as `unexpected`; one that never settles, at the call's deadline.
	 *
	 * @param scope Whose budget: the SHA-256 of the secret key, in hex — never the key.
	 * @param signal The call's signal: its deadline, or the caller's abort.
	 */
	// `void`: a budget that has nothing to say is the common case, and TypeScript types it so.
	// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
	take(scope: string, signal: AbortSignal): Promise<string | undefined | void>;
	/**
	 * Holds every taker of `scope` for `ms`, in every process sharing the budget: the wait a 429
	 * asked for (`Retry-After`, 1 s when it named none). What it throws or rejects with is ignored.
	 *
	 * @param scope Whose budget, as for `take`.
	 * @param ms How long, in ms.
	 */
	pause(scope: string, ms: number): unknown;
}

/**
 * A budget over an engine of your own, for `new ClerkCore({ budget })`: every attempt takes a slot
 * from `engine.take` first, and a 429 calls `engine.pause` for the wait Clerk asked for.
 *
 * @param engine The engine: `{ take(scope, signal), pause(scope, ms) }`.
 * @returns The budget.
 * @throws {TypeError} When `engine` has no `take` or `pause` function.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ budget: budget({ take: (scope, signal) => myLimiter.acquire(scope, signal), pause: (scope, ms) => myLimiter.hold(scope, ms) }) });
 * ```
 */
export function budget(engine: BudgetEngine): Budget {
	const e = engine as Partial<BudgetEngine> | null;
	if (typeof e?.take !== 'function' || typeof e.pause !== 'function') throw new TypeError('budget: engine must be { take(scope, signal), pause(scope, ms) }');
	const option: BudgetOption = register('budget', {
		async take(call) {
			const note = await engine.take((call.scope ??= await scopeOf(call.key as string)), call.signal);
			if (note) call.observe?.('budget', call, note);
		},
		pause: (call) => isolated(() => engine.pause(call.scope as string, call.retryAfterMs ?? 1000)),
	} as BudgetOption);
	return option;
}
