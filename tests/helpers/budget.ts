// A budget's two steps, as the pipeline runs them for one attempt, for tests of the adapters
// themselves: the engine a budget wraps is reached through the calls a core would make.
import type { Budget } from '../../src/pipeline/options.ts';
import type { BudgetOption, Call } from '../../src/pipeline/types.ts';

/**
 * Takes one slot of `scope`, as a core does before an attempt.
 *
 * @returns The note the budget gave (its engine failed), or `undefined`.
 */
export async function take(budget: Budget, scope: string, signal: AbortSignal): Promise<string | undefined> {
	let note: string | undefined;
	const call = { scope, signal, observe: (_stage: string, _call: unknown, detail: unknown) => (note = detail as string) };
	await (budget as BudgetOption).take(call as unknown as Call);
	return note;
}

/** Pauses `scope` for `ms`, as a core does after a 429. */
export function pause(budget: Budget, scope: string, ms: number): void {
	(budget as BudgetOption).pause({ scope, retryAfterMs: ms } as unknown as Call);
}
