// What the pipeline works on, declared once: an operation as data, a core's resolved config, a
// call's options and one call's record — and the opt-in settings as the pipeline sees them. Each
// opt-in (a logger, a transport, a budget, a retry policy, extra body fields) is a value made by
// its own module (events.ts, transport.ts, budget/, retry.ts, extra.ts) that carries its own code:
// the pipeline only calls it, so a bundle that sets none carries none of their bytes (issue #25).
import type * as v from 'valibot';
import type { ClerkAPIErrorInit, ClerkErrorDetail } from '../errors/ClerkAPIError.ts';
import type { Issue } from '../lib/validate.ts';
import type { Scrub } from '../lib/scrub.ts';
import type { Budget, ExtraBody, Logger, Policy, RetryPolicy, SecretKeySource, Transport } from './options.ts';

/** A stage of a call that an observer hears of. */
export type Stage = 'request' | 'response' | 'retry' | 'budget' | 'outcome';

/** Hears each stage of a call; `detail` is a budget's note or the outcome's result. It must not throw. */
type Observer = (stage: Stage, call: Call, detail?: unknown) => void;

/** A logger, as the pipeline calls it. */
export interface LoggerOption extends Logger {
	observe: Observer;
}

/** A transport, as the pipeline calls it. */
export interface TransportOption extends Transport {
	/** ky's hooks, when any were given. */
	hooks: object | undefined;
	/** Sends one attempt; throws a RangeError when the fetch answers with no usable `Response`, or a body that is not bytes. */
	send(call: Call, request: Request, init: RequestInit | undefined): Promise<Response>;
}

/** A budget, as the pipeline calls it. */
export interface BudgetOption extends Budget {
	/** Takes the slot of the attempt about to be sent. */
	take(call: Call): Promise<void>;
	/** Clerk answered 429: every process sharing the budget waits. Never throws. */
	pause(call: Call): void;
}

/** A retry policy, as the pipeline applies it: the fields it names laid over a policy. */
export interface PolicyOption extends Policy {
	(policy: RetryPolicy): RetryPolicy;
	/** Why `policy()` refused what it was given, reported where it is used. */
	issue: string | undefined;
}

/** Extra body fields, as the pipeline merges them: the body to send, or why not. */
export interface ExtraOption extends ExtraBody {
	(own: object | undefined, path: string): Issue[] | object;
}

/**
 * A core's config, checked, with its defaults applied and its headers normalized: what the
 * pipeline reads (tied to the schema in config.ts).
 */
export interface ResolvedConfig {
	secretKey?: SecretKeySource | undefined;
	/** Without trailing slashes. */
	serverURL: string;
	apiVersion: string;
	timeoutMs: number;
	retry?: number | PolicyOption | undefined;
	/** Extra headers, lower-cased names. */
	headers?: Record<string, string> | undefined;
	maxResponseBytes: number;
	dangerouslyAllowBrowser?: boolean | undefined;
	logger?: LoggerOption | undefined;
	budget?: BudgetOption | undefined;
	transport?: TransportOption | undefined;
}

/** A call's options, checked: headers normalized to lower-cased names. */
export interface CallOptions {
	signal?: AbortSignal | undefined;
	timeoutMs?: number | undefined;
	retry?: number | PolicyOption | undefined;
	headers?: Record<string, string> | undefined;
	extraBody?: ExtraOption | undefined;
}

/**
 * What an operation is, as data: everything that differs between two operations. (Its functions
 * are methods, so a call of any operation is a `Call` to the stages and options that take one.)
 */
export interface Operation<I = unknown, T = unknown> {
	/** The function's name, in logs and spans. */
	name: string;
	/** The HTTP method, as the spec gives it. */
	method: string;
	/** The path below `serverURL` as the spec writes it; each `{param}` is filled from `params`, percent-encoded. */
	path: string;
	/** The path's parameters, from a valid input. */
	params?(input: I): Record<string, string>;
	/** Checks the caller's input. */
	input: v.ObjectSchema<v.ObjectEntries, string>;
	/** The JSON body for a valid input, if the operation has one. */
	body?(input: I): object;
	/** Checks a 2xx body; every other status is a `ClerkAPIError`. */
	output: v.GenericSchema;
	/** The value of a body `output` checked. */
	value(wire: never): T;
	/** The body fields `output` knows; any other is handed back, unstable, as `response.extra`. */
	fields: readonly string[];
	/** The default retry policy, before the core's and the call's settings. */
	retry: RetryPolicy;
	/** Facts an operation reads from its own errors (revoke: the token's status). */
	explain?(errors: ClerkErrorDetail[]): Partial<ClerkAPIErrorInit>;
}

/** What a batch hands the pipeline for each of its calls. */
export interface BatchHooks {
	/** Awaited before every retry (the first attempt is gated by the batch itself). */
	gate?: ((signal: AbortSignal) => Promise<void>) | undefined;
	/** Hears the call's stages in the core logger's place (and passes them on to it). */
	observe?: Observer | undefined;
}

/** One call's state: written once by the stage that learns a fact, read from here by the rest. */
export interface Call<I = unknown, T = unknown> {
	readonly op: Operation<I, T>;
	readonly config: ResolvedConfig;
	readonly input: I;
	readonly options: CallOptions;
	/** The JSON body: the operation's fields, with `extraBody`'s merged in; `undefined` for none. */
	readonly body: object | undefined;
	readonly batch: BatchHooks | undefined;
	/** When the call started: its deadline is `started + timeoutMs`. */
	readonly started: number;
	readonly timeoutMs: number;
	/** The call's one signal: aborted at the deadline (reason `DEADLINE`) or by the caller's signal. */
	readonly signal: AbortSignal;
	/** Set only when someone listens: with no listener, no stage is even reported. */
	readonly observe: Observer | undefined;
	/** The secret key, once resolved, and its scrubber (`withhold` until then). */
	key: string | undefined;
	scrub: Scrub;
	/** The key's budget scope (its SHA-256), once a budget asked for it. */
	scope: string | undefined;
	/** Attempts sent so far, and when the last one was sent. */
	attempts: number;
	sent: number;
	/** The last response an attempt received (an error status's with its body already read). */
	response: Response | undefined;
	/** Its status, trace id (`x-clerk-trace-id`, else `cf-ray`) and the wait it asked for, in ms. */
	status: number | undefined;
	traceId: string | undefined;
	retryAfterMs: number | undefined;
	/** What the last attempt's fetch threw (a network failure, as opposed to a hook's error); cleared by a response. */
	fetchFailure: unknown;
	/** When the last attempt ended. */
	ended: number;
	/** Whether the 2xx body is being read: a network failure now happened mid-body. */
	reading: boolean;
}
