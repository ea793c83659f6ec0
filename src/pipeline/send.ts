// The one pipeline every operation runs through, stage by stage: check the input → open the call
// (one deadline, one signal) → resolve the key → build the request → attempt it (ky retries) → map
// the outcome to exactly one typed result → close. It never throws and never hangs, whatever the
// server or the caller's own callbacks (key provider, transport, budget) do.
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
import { DEADLINE, ended, open } from './call.ts';
import { checkOptions, configOf } from './config.ts';
import { resolveKey } from './key.ts';
import { failure, success } from './outcome.ts';
import { request } from './request.ts';
import type { BatchHooks, Call, CallOptions, Operation, ResolvedConfig } from './types.ts';

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
		const call = options === undefined ? { value: {} } : checkOptions(options, 'options');
		for (const result of [checked, call]) if ('issues' in result) issues.push(...result.issues);
		// Without an issue, the config, input and options are all there.
		const { value } = checked as { value: I };
		const { extraBody: extra } = ((call as { value?: CallOptions }).value ?? {}) as CallOptions;
		// The body: what the SDK sets from the request, with `extraBody`'s fields (checked by `extra`).
		let body = value && op.body?.(value);
		if (extra && value) {
			const merged = extra(body, 'options.extraBody');
			if (Array.isArray(merged)) issues.push(...merged);
			else body = merged;
		}
		if (issues.length) return Promise.resolve(refuse(config, op, batch, issues));
		return run(config as ResolvedConfig, op, value, (call as { value: CallOptions }).value, body, batch);
	} catch {
		// Unreachable by design; kept so that even a bug here resolves instead of throwing.
		return Promise.resolve(err(new UnexpectedError('pipeline failed')));
	}
}

// A call refused before any I/O is still a call: its outcome reaches error-rate metrics and spans.
function refuse<I, T>(config: ResolvedConfig | undefined, op: Operation<I, T>, batch: BatchHooks | undefined, issues: Issue[]): Result<T> {
	const refused = err(new InvalidRequestError(issues));
	(batch?.observe ?? config?.logger?.observe)?.('outcome', { op } as Call, refused);
	return refused;
}

async function run<I, T>(
	config: ResolvedConfig,
	op: Operation<I, T>,
	input: I,
	options: CallOptions,
	body: object | undefined,
	batch: BatchHooks | undefined,
): Promise<Result<T>> {
	const { call, close } = open(config, op, input, options, body, batch);
	try {
		// Raced against the call's end: a callback that never settles cannot hold it. Ended first,
		// it is the deadline, or the caller's reason as a scrubbed copy (its name and code only if
		// the key never arrived).
		const result =
			(await Promise.race([work(call), ended(call.signal)])) ??
			err(call.signal.reason === DEADLINE ? new TimeoutError(call.timeoutMs) : new AbortedError(summarize(call.signal.reason, call.scrub)));
		call.observe?.('outcome', call, result);
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
		call.observe?.('request', call);
		return await success(call, await exchange(call, wire), !call.config.transport);
	} catch (error) {
		return call.signal.aborted ? undefined : failure(call, error);
	}
}
