// The `clerk-sign-in-tokens/events` entry: a call's stages as structured events, for the core's
// `logger`. Everything that builds an event lives here, so a core without a logger carries none of it.
import type { ErrorKind } from './errors/SdkError.ts';
import { isolated } from './lib/isolated.ts';
import { register } from './lib/option.ts';
import type { OperationError } from './errors/OperationError.ts';
import type { ApiResult } from './result.ts';
import type { Logger } from './pipeline/options.ts';
import type { Call, LoggerOption, Stage } from './pipeline/types.ts';

/** What every event carries. */
export interface ClerkEventBase {
	/** The function that made the call. */
	operation: string;
	/** Random per call: the same on every event of one call. */
	callId: string;
}

/** A call starts (after its input was checked and its key resolved). A call refused before that emits only its `outcome`. */
export interface ClerkRequestEvent extends ClerkEventBase {
	/** The event. */
	type: 'request';
	/** The HTTP method. */
	method: string;
	/** The path template below `serverURL`, never with an ID in it: `/sign_in_tokens/{sign_in_token_id}/revoke`. */
	urlTemplate: string;
	/** The core's base URL (it holds no query, credentials or ID). */
	serverURL: string;
}

/** An attempt got a response (any status). */
export interface ClerkResponseEvent extends ClerkEventBase {
	/** The event. */
	type: 'response';
	/** 1 for the first attempt. */
	attempt: number;
	/** The HTTP status. */
	status: number;
	/** From sending the attempt to its response headers. */
	durationMs: number;
	/** Clerk's `x-clerk-trace-id`, else Cloudflare's `cf-ray`. */
	traceId: string | undefined;
	/** The wait an error response asked for (`Retry-After` or a rate-limit reset header), in ms. */
	retryAfterMs: number | undefined;
}

/** An attempt is about to be retried. */
export interface ClerkRetryEvent extends ClerkEventBase {
	/** The event. */
	type: 'retry';
	/** The attempt about to be sent, from 2. */
	attempt: number;
	/** What failed: `status 429`, or the network error's code (`ECONNREFUSED`) or name. */
	reason: string;
	/** How long the call waited since the failed attempt ended (backoff or `Retry-After`). */
	delayMs: number;
}

/** The core's `budget` could not reach its engine and decided an attempt's slot alone. */
export interface ClerkBudgetEvent extends ClerkEventBase {
	/** The event. */
	type: 'budget';
	/** What the budget said: which engine failed and how, and what it did instead. */
	note: string;
}

/** The call settled. */
export interface ClerkOutcomeEvent extends ClerkEventBase {
	/** The event. */
	type: 'outcome';
	/** `ok`, or the error's kind. */
	outcome: 'ok' | ErrorKind;
	/** The last HTTP status, if any response arrived. */
	status: number | undefined;
	/** Clerk's first error code, for an `api` outcome. */
	code: string | undefined;
	/** Attempts sent. */
	attempts: number;
	/** From the call to its result. */
	durationMs: number;
	/**
	 * The call's trace ID, as its result carries it: an error body's `clerk_trace_id`, else the last
	 * response's `x-clerk-trace-id`, else its `cf-ray`.
	 */
	traceId: string | undefined;
}

/**
 * What a logger receives. Redacted by construction: events are built only from the fields above,
 * so they never hold the secret key, a ticket, a URL carrying one, or an ID from a path.
 */
export type ClerkEvent = ClerkRequestEvent | ClerkResponseEvent | ClerkRetryEvent | ClerkBudgetEvent | ClerkOutcomeEvent;

/**
 * Receives one event; called synchronously. Anything it throws, and the rejection of a promise it
 * returns (an async log sink that is down), is caught and ignored: logging never changes a call.
 */
export type EventHandler = (event: ClerkEvent) => unknown;

/**
 * A logger that hands `handler` one structured event at each step of every call: `request`,
 * `response` (per attempt), `retry`, `budget` and `outcome`. A call refused before any I/O emits
 * its `outcome` too, so error rates count it.
 *
 * @param handler Receives each event.
 * @returns The logger, for `new ClerkCore({ logger })`.
 * @throws {TypeError} When `handler` is not a function.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ logger: events((event) => console.log(event.type, event.operation)) });
 * ```
 */
export function events(handler: EventHandler): Logger {
	if (typeof handler !== 'function') throw new TypeError('events: handler must be a function receiving each ClerkEvent');
	const ids = new WeakMap<Call, string>();
	const logger: LoggerOption = register('logger', {
		observe: (stage, call, detail) =>
			// A handler's failure is its own; so would be a bug here: the call goes on.
			isolated(() => {
				let callId = ids.get(call);
				if (callId === undefined) ids.set(call, (callId = crypto.randomUUID()));
				return handler({ type: stage, operation: call.op.name, callId, ...fieldsOf(stage, call, detail) } as ClerkEvent);
			}),
	} as LoggerOption);
	return logger;
}

// An event's own fields, from the call's record: built here, from these fields alone.
function fieldsOf(stage: Stage, call: Call, detail: unknown): object {
	const traceId = call.traceId && call.scrub(call.traceId);
	if (stage === 'request') return { method: call.op.method, urlTemplate: call.op.path, serverURL: call.config.serverURL };
	if (stage === 'response')
		return { attempt: call.attempts, status: call.status, durationMs: call.ended - call.sent, traceId, retryAfterMs: call.retryAfterMs };
	if (stage === 'retry') return { attempt: call.attempts, reason: reasonOf(call), delayMs: Date.now() - call.ended };
	if (stage === 'budget') return { note: detail };
	// The outcome; a call refused before it opened has no attempt and took no time.
	const result = detail as ApiResult<unknown, OperationError>;
	const api = !result.ok && result.error.kind === 'api' ? result.error : undefined;
	return {
		outcome: result.ok ? 'ok' : result.error.kind,
		status: call.status,
		code: api?.errors[0]?.code,
		attempts: call.attempts ?? 0,
		durationMs: call.started === undefined ? 0 : Date.now() - call.started,
		traceId: result.ok ? result.response.traceId : (api?.clerkTraceId ?? traceId),
	};
}

// Why the last attempt failed: its status, or the network error's code, down its cause chain, or
// its name — scrubbed, since an error's code is the thrower's text.
function reasonOf(call: Call): string {
	if (call.fetchFailure === undefined) return `status ${call.status}`;
	try {
		const { code, cause, name } = call.fetchFailure as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
		return call.scrub(String(code ?? cause?.code ?? name));
	} catch {
		return 'network error';
	}
}
