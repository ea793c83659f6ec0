import * as v from 'valibot';
import type { ClerkCore, RequestOptions } from '../core.ts';
import { CallOptionsSchema, Timeout, checkOptions, configOf } from '../pipeline/config.ts';
import { AbortedError } from '../errors/AbortedError.ts';
import { InvalidRequestError } from '../errors/InvalidRequestError.ts';
import { TimeoutError } from '../errors/TimeoutError.ts';
import { UnexpectedError } from '../errors/UnexpectedError.ts';
import { breathe } from '../batch/breathe.ts';
import { MAX_TIMER_MS, custom, isCount, isFunction, isObject } from '../lib/checks.ts';
import { envKey } from '../lib/env.ts';
import { governor } from '../batch/governor.ts';
import { mailbox } from '../batch/mailbox.ts';
import { source } from '../batch/source.ts';
import type { Read } from '../batch/source.ts';
import { scrubber, summarize, withhold } from '../lib/scrub.ts';
import { validate } from '../lib/validate.ts';
import type { Issue } from '../lib/validate.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import type { SignInToken } from '../models/signInToken.ts';
import { send } from '../pipeline/send.ts';
import type { BatchHooks, CallOptions } from '../pipeline/types.ts';
import type { ApiResult, Err } from '../result.ts';
import { err } from '../result.ts';
import { createSignInToken } from '../operations/createSignInToken.ts';
import type { SignInTokensCreateError } from './signInTokensCreate.ts';

/** Progress of a batch, after each result. */
export interface CreateManyProgress {
	/** Results yielded so far. */
	done: number;
	/** Requests in the batch: known for an array, else once the input has been read to its end. */
	total: number | undefined;
	/** Results that succeeded. */
	ok: number;
	/** Results that failed. */
	failed: number;
}

/** Options of `signInTokensCreateMany`. */
export interface CreateManyOptions {
	/** Calls in flight at once; default 10. */
	concurrency?: number | undefined;
	/**
	 * The budget to stay under: Clerk limits the Backend API per instance, by default 100 requests
	 * per 10 s on development instances (`sk_test_…` keys) and 1000 on production (`sk_live_…`),
	 * which is what applies when this is omitted and the core's key (or `CLERK_SECRET_KEY`) shows
	 * its kind; 100 per 10 s otherwise. Retries count against it. `false` turns the governor off.
	 * With a core `budget` (shared across processes), the budget gates every attempt and this
	 * governor is off unless set.
	 */
	rateLimit?: { limit: number; windowMs: number } | false | undefined;
	/**
	 * Stops scheduling: calls in flight finish, and nothing more is sent. An array's remaining
	 * requests settle as `aborted`, unsent; any other source is read no further and is closed (its
	 * `return()`), and a request it had already given settles as `aborted`.
	 */
	signal?: AbortSignal | undefined;
	/** A deadline for the whole batch, in ms: at it, the batch stops as on `signal`, its unsent requests settling as `timeout`. */
	timeoutMs?: number | undefined;
	/** Options of each call (`timeoutMs`, `retry`, `headers`, and a `signal` that also cuts calls in flight short). */
	callOptions?: RequestOptions | undefined;
	/** Called after each result with the counts so far; what it throws is ignored. */
	onProgress?: ((progress: CreateManyProgress) => void) | undefined;
}

/** One request's outcome, yielded as it settles, with the request as it was read (a plain object is copied then). */
export type CreateManyItem<R> =
	| { index: number; request: R; result: ApiResult<SignInToken, SignInTokensCreateError> }
	/**
	 * The batch itself failed, yielded once: its core, requests or options were refused before
	 * anything was read or sent (`InvalidRequestError`, index 0, the only item), or reading the
	 * input threw (`UnexpectedError`, last, after every call in flight).
	 */
	| { index: number; request: undefined; result: Err<UnexpectedError | InvalidRequestError> };

const MAX_CONCURRENCY = 1000;

const OptionsSchema = v.object(
	{
		concurrency: custom<number>(isCount(MAX_CONCURRENCY), `must be an integer from 1 to ${MAX_CONCURRENCY}`),
		rateLimit: custom<CreateManyOptions['rateLimit']>(
			(input) => input === false || (isObject(input) && isCount(1e6)(input.limit) && isCount(MAX_TIMER_MS)(input.windowMs)),
			'must be false or { limit, windowMs }: a number of requests (at least 1) per window in ms (at least 1)',
		),
		signal: CallOptionsSchema.entries.signal,
		timeoutMs: v.optional(Timeout),
		// Checked on its own below, so its unknown keys are found too.
		callOptions: custom<RequestOptions>(isObject, 'must be an object'),
		onProgress: custom<CreateManyOptions['onProgress']>(isFunction, 'must be a function'),
	},
	'must be an object',
);

/**
 * Creates a sign-in token for each request, under Clerk's rate limit, yielding each call's Result
 * as it settles (`index` is the request's position in the input). Requests are read lazily from an
 * array, an iterable or an async iterable (a file streamed in), and at most `concurrency` calls and
 * results are held at a time, so memory stays flat however long the batch is. The iterable never
 * throws; every request read from the input yields exactly once, and an input the batch stops
 * reading (abort, deadline, a consumer that leaves `for await` early) is closed, as `for…of` closes
 * it. An input that throws or misbehaves ends the batch with one `unexpected` item. Each call is a `signInTokensCreate`, with its retry
 * rules: no create is sent twice unless the first provably was not processed. A 429's wait is
 * shared: every queued call and every retry waits it out.
 *
 * @param core The configured core.
 * @param requests The requests.
 * @param options Concurrency, rate limit, abort, deadline, per-call options and progress.
 * @returns The results, in the order they settle.
 *
 * @example
 * ```ts
 * for await (const { index, result } of signInTokensCreateMany(clerk, userIds.map((userId) => ({ userId })))) {
 *   if (result.ok) console.log(index, result.value.url);
 * }
 * ```
 */
export function signInTokensCreateMany<R extends CreateSignInTokenRequest>(
	core: ClerkCore,
	requests: Iterable<R> | AsyncIterable<R>,
	options?: CreateManyOptions,
): AsyncIterable<CreateManyItem<R>> {
	return {
		[Symbol.asyncIterator]: () => {
			// Checked up front, so a typo or a bad value is one clear error, not a batch run on defaults.
			const issues: Issue[] = [];
			try {
				if (!configOf(core)) issues.push({ path: 'core', message: 'must be a ClerkCore (made by this copy of clerk-sign-in-tokens)' });
				if (!isObject(requests) || !(Symbol.iterator in requests || Symbol.asyncIterator in requests)) {
					issues.push({ path: 'requests', message: 'must be an array, an iterable or an async iterable of requests' });
				}
			} catch {
				issues.push({ path: 'requests', message: 'could not be read' });
			}
			const checked = options === undefined ? undefined : validate(OptionsSchema, options, 'options');
			if (checked && 'issues' in checked) issues.push(...checked.issues);
			const call =
				checked && 'value' in checked && checked.value.callOptions !== undefined ? checkOptions(checked.value.callOptions, 'options.callOptions') : undefined;
			if (call && 'issues' in call) issues.push(...call.issues);
			// Extra fields that are not JSON would refuse every call: the batch is refused instead.
			const extra = call && 'value' in call ? (call.value as CallOptions).extraBody?.(undefined, 'options.callOptions.extraBody') : undefined;
			if (Array.isArray(extra)) issues.push(...extra);
			return issues.length ? refused(issues) : batch(core, requests, options ?? {});
		},
	};
}

async function* refused(issues: Issue[]): AsyncGenerator<CreateManyItem<never>> {
	yield { index: 0, request: undefined, result: err(new InvalidRequestError(issues)) };
}

async function* batch<R extends CreateSignInTokenRequest>(
	core: ClerkCore,
	requests: Iterable<R> | AsyncIterable<R>,
	options: CreateManyOptions,
): AsyncGenerator<CreateManyItem<R>> {
	const run = start<R>(core, options);
	const { signal } = run.stop;
	const input = source(requests);
	const inbox = mailbox<CreateManyItem<R> | Read<R>>();
	const progress: CreateManyProgress = { done: 0, total: Array.isArray(requests) ? requests.length : undefined, ok: 0, failed: 0 };
	const settled = (item: CreateManyItem<R>) => {
		progress.done++;
		progress[item.result.ok ? 'ok' : 'failed']++;
		try {
			options.onProgress?.({ ...progress });
		} catch {
			// A progress callback's failure is its own.
		}
		return item;
	};
	signal.addEventListener('abort', inbox.wake);
	let reading = false;
	let read = 0;
	let failed: { failed: unknown } | undefined;
	try {
		for (;;) {
			// After a stop, an array's remaining requests still settle, unsent, so each is accounted
			// for; any other source may be endless (a queue) and is read no further.
			if (!reading && !input.ended && run.inflight < run.concurrency && !(signal.aborted && !Array.isArray(requests))) {
				reading = true;
				void input.next().then(inbox.post);
			}
			const event = inbox.take();
			if (event === undefined) {
				if (!reading && run.inflight === 0) break;
				// Stopped with nothing in flight and the source silent (stdin left open, a queue): it
				// gets one task to deliver what it was reading, and is not waited for beyond that.
				if (signal.aborted && reading && run.inflight === 0) {
					await Promise.race([inbox.wait(), breathe()]);
					if (inbox.size === 0) break;
				} else await inbox.wait();
			} else if ('index' in event) {
				if (input.ended && run.inflight === 0 && !reading) progress.total ??= read;
				// Memory stays flat only if finalizers get to run: see batch/breathe.ts.
				if (progress.done % 256 === 255) await breathe();
				yield settled(event);
			} else {
				reading = false;
				// A source failing as the batch stops reading it (a stream destroyed on Ctrl-C) is not news.
				if ('failed' in event) failed = signal.aborted ? undefined : event;
				else if ('value' in event) {
					const index = read++;
					// A request read once the batch has stopped yields once, unsent.
					if (signal.aborted) yield settled({ index, request: event.value, result: run.stopped() });
					else run.send(index, event.value, inbox.post);
				}
			}
		}
		progress.total ??= read;
		if (failed) {
			const error = new UnexpectedError('reading the requests failed', summarize(failed.failed, run.scrub));
			yield settled({ index: read, request: undefined, result: err(error) });
		}
	} finally {
		run.end();
		signal.removeEventListener('abort', inbox.wake);
		await input.close(reading);
	}
}

// What one batch holds: its stop, deadline and governor, and how it sends one request.
function start<R extends CreateSignInTokenRequest>(core: ClerkCore, options: CreateManyOptions) {
	const { callOptions } = options;
	// Scheduling stops on the caller's signal or the batch deadline; calls in flight are not cut.
	const stop = new AbortController();
	const key = knownKey(core);
	// A scrubbed copy of the caller's reason, as every call gives it.
	const scrub = key === undefined ? withhold : scrubber(key);
	const onAbort = () => stop.abort(new AbortedError(summarize(options.signal?.reason, scrub)));
	if (options.signal?.aborted) onAbort();
	else options.signal?.addEventListener('abort', onAbort, { once: true });
	const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => stop.abort(new TimeoutError(options.timeoutMs as number)), options.timeoutMs);

	// Clerk's per-instance limits by key kind (its system limits): production 1000 per 10 s,
	// development 100. A key from a provider is not known before a call: the lower one applies.
	// A core with a shared budget already gates every attempt, across processes: the batch adds its
	// own governor only when asked to.
	const { rateLimit } = options;
	const own = rateLimit === false || (rateLimit === undefined && configOf(core)?.budget);
	const gov = own ? undefined : governor(rateLimit?.limit ?? (key?.startsWith('sk_live_') ? 1000 : 100), rateLimit?.windowMs ?? 10_000);
	const logger = configOf(core)?.logger;
	const hooks: BatchHooks | undefined = gov && {
		gate: (signal) => gov.take(signal),
		// When one call is told to wait, all wait; the core's logger still hears every stage.
		observe: (stage, call, detail) => {
			if (stage === 'response' && call.status === 429) gov.pause(call.retryAfterMs ?? 1000);
			logger?.observe(stage, call, detail);
		},
	};
	const stopped = (): Err<AbortedError | TimeoutError> => err(stop.signal.reason as AbortedError | TimeoutError);
	const one = async (index: number, request: R): Promise<CreateManyItem<R>> => {
		try {
			await gov?.take(stop.signal);
		} catch {
			return { index, request, result: stopped() };
		}
		const result = await send(core, createSignInToken, request, callOptions, hooks);
		return { index, request, result };
	};
	const run = {
		stop,
		scrub,
		stopped,
		concurrency: options.concurrency ?? 10,
		inflight: 0,
		/** Sends one request; its item is handed to `settle` when the call settles. */
		send(index: number, request: R, settle: (item: CreateManyItem<R>) => void) {
			run.inflight++;
			void one(index, request).then((item) => {
				run.inflight--;
				settle(item);
			});
		},
		end() {
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			// A consumer that stops early (`break`) ends the batch: nothing more is scheduled.
			stop.abort(new AbortedError(undefined));
		},
	};
	return run;
}

// The core's key, when it is known without calling anything: a string in its config, or
// CLERK_SECRET_KEY.
function knownKey(core: ClerkCore): string | undefined {
	let key: unknown = configOf(core)?.secretKey;
	try {
		key ??= envKey();
	} catch {
		// An environment that cannot be read tells nothing.
	}
	return typeof key === 'string' ? key : undefined;
}
