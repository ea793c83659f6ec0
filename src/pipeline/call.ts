// One call's record: what an operation is, and the state of one call of it, declared once. Every
// stage (key → request → attempt → outcome) takes the record; the facts an attempt learns (the
// status, the trace id, the wait a response asked for) are written here once and read from here.
import type * as v from 'valibot';
import type { ClerkAPIErrorInit, ClerkErrorDetail } from '../errors/ClerkAPIError.ts';
import type { RetryPolicy } from '../core/retry.ts';
import type { CallOptions, ResolvedConfig } from '../core/schema.ts';
import type { ClerkEvent } from '../core/types.ts';
import { isolated } from '../lib/isolated.ts';
import { withhold } from '../lib/scrub.ts';
import type { Scrub } from '../lib/scrub.ts';

/** What an operation is, as data: everything that differs between two operations. */
export interface Operation<I, T> {
	/** The function's name, in logs and spans. */
	name: string;
	/** The HTTP method, as the spec gives it. */
	method: string;
	/** The path below `serverURL` as the spec writes it; each `{param}` is filled from `params`, percent-encoded. */
	path: string;
	/** The path's parameters, from a valid input. */
	params?: (input: I) => Record<string, string>;
	/** Checks the caller's input. */
	input: v.ObjectSchema<v.ObjectEntries, string>;
	/** The JSON body for a valid input, if the operation has one. */
	body?: (input: I) => unknown;
	/** Parses a 2xx body; every other status is a `ClerkAPIError`. */
	output: v.GenericSchema<unknown, T>;
	/** The body fields `output` knows; any other is handed back, unstable, as `response.extra`. */
	fields: readonly string[];
	/** The default retry policy, before the core's and the call's settings. */
	retry: RetryPolicy;
	/** Facts an operation reads from its own errors (revoke: the token's status). */
	explain?: (errors: ClerkErrorDetail[]) => Partial<ClerkAPIErrorInit>;
}

/** What a batch hands the pipeline for each of its calls. */
export interface BatchHooks {
	/** Awaited before every retry (the first attempt is gated by the batch itself). */
	gate?: ((signal: AbortSignal) => Promise<void>) | undefined;
	/** Receives the call's events, as a logger does. */
	observe?: ((event: ClerkEvent) => void) | undefined;
}

type Fields<K extends ClerkEvent['type']> = Omit<Extract<ClerkEvent, { type: K }>, 'type' | 'operation' | 'callId'>;

/** Emits one event of the call, typed by its `type`. */
export type Emit = <K extends ClerkEvent['type']>(type: K, fields: Fields<K>) => void;

/** One call's state. */
export interface Call<I, T> {
	readonly op: Operation<I, T>;
	readonly config: ResolvedConfig;
	readonly input: I;
	readonly options: CallOptions;
	readonly batch: BatchHooks | undefined;
	/** When the call started: its deadline is `started + timeoutMs`. */
	readonly started: number;
	readonly timeoutMs: number;
	/** The call's one signal: aborted at the deadline (reason `DEADLINE`) or by the caller's signal. */
	readonly signal: AbortSignal;
	/** Set only when someone listens: with no listener, not even an event's fields are computed. */
	readonly emit: Emit | undefined;
	/** The secret key, once resolved, and its scrubber (`withhold` until then). */
	key?: string | undefined;
	scrub: Scrub;
	/** The key's budget scope (its SHA-256), once a budget asked for it. */
	scope?: string | undefined;
	/** Attempts sent so far. */
	attempts: number;
	/** The last response an attempt received (an error status's with its body already read). */
	response?: Response | undefined;
	/** Its status, trace id (`x-clerk-trace-id`, else `cf-ray`) and the wait it asked for, in ms. */
	status?: number | undefined;
	traceId?: string | undefined;
	retryAfterMs?: number | undefined;
	/** What the last attempt's fetch threw: a network failure, as opposed to a hook's error. */
	fetchFailure?: unknown;
	/** Set when a custom fetch resolved to something that is not a usable `Response`. */
	misbehaved?: string | undefined;
	/** Why the next attempt is a retry (`status 429`, `ECONNREFUSED`), and when the last one ended. */
	reason: string;
	ended: number;
	/** Whether the 2xx body is being read: a network failure now happened mid-body. */
	reading: boolean;
}

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
 * @param batch A batch's hooks, for its calls.
 * @returns The call, and `close` to release its timer and listener.
 */
export function open<I, T>(config: ResolvedConfig, op: Operation<I, T>, input: I, options: CallOptions, batch: BatchHooks | undefined) {
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
		batch,
		started,
		timeoutMs,
		signal: deadline.signal,
		emit: emitter(config, op.name, batch),
		// Every field is here from the start, undefined until learned: a record whose shape never
		// changes keeps each stage's property reads monomorphic (adding them later cost ~60k
		// instructions a call in check:cpu).
		key: undefined,
		scrub: withhold,
		scope: undefined,
		attempts: 0,
		response: undefined,
		status: undefined,
		traceId: undefined,
		retryAfterMs: undefined,
		fetchFailure: undefined,
		misbehaved: undefined,
		reason: '',
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
 * The events of one call, for the core's logger and a batch's listener; `undefined` when nobody
 * listens. Each listener is isolated: what it throws, or a promise it returns that rejects (an async
 * log sink that is down), is caught.
 *
 * @param config The core's config, if the core was valid.
 * @param operation The operation's name.
 * @param batch A batch's hooks.
 * @returns The emitter, or `undefined`.
 */
export function emitter(config: ResolvedConfig | undefined, operation: string, batch: BatchHooks | undefined): Emit | undefined {
	const listeners = [config?.logger, batch?.observe].filter((listener) => listener !== undefined);
	if (!listeners.length) return undefined;
	const callId = crypto.randomUUID();
	return (type, fields) => {
		const event = { type, operation, callId, ...fields } as unknown as ClerkEvent;
		// A logger's failure is its own; the call goes on.
		for (const listener of listeners) isolated(() => listener(event));
	};
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
