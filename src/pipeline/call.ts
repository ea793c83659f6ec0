// Opening one call's record (pipeline/types.ts): one deadline and one signal for everything it
// awaits. Every stage (key → request → attempt → outcome) takes the record; the facts an attempt
// learns (the status, the trace id, the wait a response asked for) are written there once.
import { withhold } from '../lib/scrub.ts';
import type { BatchHooks, Call, CallOptions, Operation, ResolvedConfig } from './types.ts';

/** The deadline's abort reason; the caller's own reason is anything else. */
export const DEADLINE = {};

/**
 * Opens a call: one deadline and one signal for everything it awaits, from this moment — the key,
 * hooks, fetch, every attempt and backoff, the body. The caller's signal feeds the same controller
 * (`AbortSignal.any` is missing on edge-runtime).
 *
 * @param config The core's config.
 * @param op The operation.
 * @param input The checked input.
 * @param options The checked per-call options.
 * @param body The JSON body, extra fields merged.
 * @param batch A batch's hooks, for its calls.
 * @returns The call, and `close` to release its timer and listener.
 */
export function open<I, T>(
	config: ResolvedConfig,
	op: Operation<I, T>,
	input: I,
	options: CallOptions,
	body: object | undefined,
	batch: BatchHooks | undefined,
) {
	const started = Date.now();
	const timeoutMs = options.timeoutMs ?? config.timeoutMs;
	const deadline = new AbortController();
	const timer = setTimeout(() => deadline.abort(DEADLINE), timeoutMs);
	const caller = options.signal;
	const forward = () => deadline.abort(caller?.reason);
	if (caller?.aborted) forward();
	else caller?.addEventListener('abort', forward, { once: true });
	const call: Call<I, T> = {
		op,
		config,
		input,
		options,
		body,
		batch,
		started,
		timeoutMs,
		signal: deadline.signal,
		// A batch's listener hears the stages in the logger's place, and passes them on to it.
		observe: batch?.observe ?? config.logger?.observe,
		// Every field is here from the start, undefined until learned: a record whose shape never
		// changes keeps each stage's property reads monomorphic (adding them later cost ~60k
		// instructions a call in check:cpu).
		key: undefined,
		scrub: withhold,
		scope: undefined,
		attempts: 0,
		sent: started,
		response: undefined,
		status: undefined,
		traceId: undefined,
		retryAfterMs: undefined,
		fetchFailure: undefined,
		ended: started,
		reading: false,
	};
	const close = () => {
		clearTimeout(timer);
		caller?.removeEventListener('abort', forward);
	};
	return { call, close };
}

/**
 * Resolves to `undefined` when the signal aborts: what ends a call that its work does not end.
 *
 * @param signal The call's signal.
 * @returns The promise.
 */
export function ended(signal: AbortSignal): Promise<undefined> {
	return new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', () => resolve(undefined), { once: true })));
}
