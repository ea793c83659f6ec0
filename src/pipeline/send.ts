// The one pipeline every operation runs through, stage by stage: check the input → open the call
// (one deadline, one signal) → resolve the key → build the request → attempt it (ky retries) → map
// the outcome to exactly one typed result → close. It never throws and never hangs, whatever the
// server or the caller's own callbacks (key provider, hooks, fetch) do.
import { configOf } from '../core/ClerkCore.ts';
import { CallOptionsSchema } from '../core/schema.ts';
import type { CallOptions, ResolvedConfig } from '../core/schema.ts';
import type { ClerkOutcomeEvent } from '../core/types.ts';
import { AbortedError } from '../errors/AbortedError.ts';
import { InvalidRequestError } from '../errors/InvalidRequestError.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { TimeoutError } from '../errors/TimeoutError.ts';
import { UnexpectedError } from '../errors/UnexpectedError.ts';
import { scrubber, summarize } from '../lib/scrub.ts';
import { validate } from '../lib/validate.ts';
import type { Issue } from '../lib/validate.ts';
import type { ApiResult } from '../result.ts';
import { err } from '../result.ts';
import { exchange } from './attempt.ts';
import { DEADLINE, emitter, ended, open } from './call.ts';
import type { BatchHooks, Call, Operation } from './call.ts';
import { resolveKey } from './key.ts';
import { failure, success } from './outcome.ts';
import { request } from './request.ts';

export type { BatchHooks, Operation } from './call.ts';

type Result<T> = ApiResult<T, OperationError>;

/**
 * Runs one operation. It never throws and never rejects.
 *
 * @param core The caller's `ClerkCore`.
 * @param op The operation.
 * @param input The caller's input.
 * @param options The caller's per-call options.
 * @param batch A batch's gate and listener, for its calls.
 * @returns The parsed value with its `HttpMeta`, or one typed error.
 */
export function send<I, T>(core: unknown, op: Operation<I, T>, input: unknown, options: unknown, batch?: BatchHooks): Promise<Result<T>> {
	try {
		const config = configOf(core);
		const issues: Issue[] = config ? [] : [{ path: 'core', message: 'must be a ClerkCore (made by this copy of clerk-sign-in-tokens)' }];
		const checked = validate(op.input, input, 'request', false);
		// Most calls pass no options: their schema is skipped.
		const call = options === undefined ? { value: {} } : validate(CallOptionsSchema, options, 'options');
		for (const result of [checked, call]) if ('issues' in result) issues.push(...result.issues);
		const extra = 'value' in call ? (call.value as CallOptions).extraBody : undefined;
		if (extra && 'value' in checked) issues.push(...collisions(op, checked.value as I, extra));
		if (!config || issues.length || !('value' in checked) || !('value' in call)) return Promise.resolve(refuse(config, op, batch, issues));
		return run(config, op, checked.value as I, call.value as CallOptions, batch);
	} catch {
		// Unreachable by design; kept so that even a bug here resolves instead of throwing.
		return Promise.resolve(err(new UnexpectedError('pipeline failed')));
	}
}

// An extra body field may add to what the SDK sends, never replace what it sets from the request.
function collisions<I, T>(op: Operation<I, T>, input: I, extra: object): Issue[] {
	const own = Object.keys(op.body?.(input) ?? {});
	return Object.keys(extra)
		.filter((field) => own.includes(field))
		.map((field) => ({ path: 'options.extraBody', message: `sets ${field}, which the request sets` }));
}

// A call refused before any I/O is still a call: its outcome event reaches error-rate metrics and
// spans.
function refuse<I, T>(config: ResolvedConfig | undefined, op: Operation<I, T>, batch: BatchHooks | undefined, issues: Issue[]): Result<T> {
	const refused = err(new InvalidRequestError(issues));
	emitter(config, op.name, batch)?.('outcome', outcomeOf(refused, undefined));
	return refused;
}

async function run<I, T>(config: ResolvedConfig, op: Operation<I, T>, input: I, options: CallOptions, batch: BatchHooks | undefined): Promise<Result<T>> {
	const { call, close } = open(config, op, input, options, batch);
	try {
		// Raced against the call's end: a callback that never settles cannot hold it. Ended first,
		// it is the deadline, or the caller's reason as a scrubbed copy (its name and code only if
		// the key never arrived).
		const result =
			(await Promise.race([work(call), ended(call.signal)])) ??
			err(call.signal.reason === DEADLINE ? new TimeoutError(call.timeoutMs) : new AbortedError(summarize(call.signal.reason, call.scrub)));
		call.emit?.('outcome', outcomeOf(result, call));
		return result;
	} finally {
		close();
	}
}

// The stages, in order. `undefined` when the call ended first: nothing is sent after that.
async function work<I, T>(call: Call<I, T>): Promise<Result<T> | undefined> {
	try {
		// The key stage: the configured key, a provider's answer or the environment's. A plain key
		// costs no extra turn of the event loop, and its scrubber is set at once (an abort's reason
		// is then scrubbed, not withheld).
		const pending = resolveKey(call.config.secretKey, call.config.dangerouslyAllowBrowser);
		const key = pending instanceof Promise ? await pending : pending;
		if (typeof key !== 'string') return err(key);
		call.key = key;
		call.scrub = scrubber(key);
		if (call.signal.aborted) return undefined;
		const wire = request(call, key);
		call.emit?.('request', { method: call.op.method, urlTemplate: call.op.path, serverURL: call.config.serverURL });
		return await success(call, await exchange(call, wire), wire.direct);
	} catch (error) {
		return call.signal.aborted ? undefined : failure(call, error);
	}
}

// The outcome event of a settled call (of one refused before it opened: no attempt, no time).
function outcomeOf<I, T>(result: Result<unknown>, call: Call<I, T> | undefined): Omit<ClerkOutcomeEvent, 'type' | 'operation' | 'callId'> {
	const api = !result.ok && result.error.kind === 'api' ? result.error : undefined;
	const traceId = call?.traceId && call.scrub(call.traceId);
	return {
		outcome: result.ok ? 'ok' : result.error.kind,
		status: call?.status,
		code: api?.errors[0]?.code,
		attempts: call?.attempts ?? 0,
		durationMs: call ? Date.now() - call.started : 0,
		traceId: result.ok ? result.response.traceId : (api?.clerkTraceId ?? traceId),
	};
}
