// The public types of `clerk-sign-in-tokens/core`: a core's settings, a call's options, and the
// events a logger receives. The schema that checks them is schema.ts; the class, ClerkCore.ts.
import type { ErrorKind } from '../errors/SdkError.ts';
import type { RetryOption } from './retry.ts';

/** Where a secret key comes from: the key, or a function called before every request (rotation). */
export type SecretKeySource = string | (() => string | Promise<string>);

/** A `fetch` implementation: the platform's, a proxy's, or a test double. Called without a receiver. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

// `void`: a hook that returns nothing is the common case, and TypeScript types it so.
/* eslint-disable @typescript-eslint/no-invalid-void-type */
/** Runs before each attempt; may return a replacement `Request`, or a `Response` to use instead. */
export type BeforeRequestHook = (state: { request: Request; retryCount: number }) => Request | Response | void | Promise<Request | Response | void>;
/** Runs before a retry; may return a replacement `Request`. */
export type BeforeRetryHook = (state: { request: Request; error: Error; retryCount: number }) => Request | void | Promise<Request | void>;
/** Runs after each response; may return a replacement `Response`. */
export type AfterResponseHook = (state: { request: Request; response: Response; retryCount: number }) => Response | void | Promise<Response | void>;
/* eslint-enable @typescript-eslint/no-invalid-void-type */

/**
 * Hooks around each attempt, run by ky. They see the outgoing `Request`, `Authorization` header
 * included, so treat them as trusted code. The call's deadline bounds them: a hook that never
 * settles ends the call as a `timeout`.
 */
export interface Hooks {
	/** Run before each attempt. */
	beforeRequest?: BeforeRequestHook[] | undefined;
	/** Run before each retry. */
	beforeRetry?: BeforeRetryHook[] | undefined;
	/** Run after each response. */
	afterResponse?: AfterResponseHook[] | undefined;
}

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
 * What a `logger` receives. Redacted by construction: events are built only from the fields above,
 * so they never hold the secret key, a ticket, a URL carrying one, or an ID from a path.
 */
export type ClerkEvent = ClerkRequestEvent | ClerkResponseEvent | ClerkRetryEvent | ClerkBudgetEvent | ClerkOutcomeEvent;

/** The core's `budget` could not reach its engine and decided an attempt's slot alone. */
export interface ClerkBudgetEvent extends ClerkEventBase {
	/** The event. */
	type: 'budget';
	/** What the budget said: which engine failed and how, and what it did instead. */
	note: string;
}

/**
 * A request budget shared beyond this process — Redis, a Durable Object, or an engine of your own
 * (`clerk-sign-in-tokens/budget/redis`, `…/budget/durable-object`). A core with one takes a slot
 * before every attempt it sends (retries included) and pauses it when Clerk answers 429, so every
 * process sharing it stays under Clerk's per-instance limit together.
 */
export interface ClerkBudget {
	/**
	 * Takes one slot for an attempt, waiting while none is free. Resolves when the attempt may go
	 * (to a note when the budget decided without its engine, which the core emits as a `budget`
	 * event), and rejects only when `signal` aborts. A budget that rejects otherwise ends the call as
	 * `unexpected`; one that never settles, at the call's deadline.
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
 * Receives structured events; called synchronously. Anything it throws, and the rejection of a
 * promise it returns (an async log sink that is down), is caught and ignored: logging never changes
 * a call's outcome.
 */
export type Logger = (event: ClerkEvent) => void;

/** The settings of a `ClerkCore`; every field is optional. */
export interface ClerkCoreConfig {
	/**
	 * The instance's secret key (`sk_live_…`/`sk_test_…`), or a function returning it, called per
	 * request so keys can rotate. Omitted: `CLERK_SECRET_KEY` from `process.env` or `Deno.env`.
	 */
	secretKey?: SecretKeySource | undefined;
	/** Base URL of the Backend API; default `https://api.clerk.com/v1`. `http:` only for loopback. */
	serverURL?: string | undefined;
	/** Sent as `Clerk-API-Version`; default `2026-05-12`, the version this SDK is written against. */
	apiVersion?: string | undefined;
	/** Deadline of a whole call — key, hooks, attempts, backoff, body — in ms; default 10000. */
	timeoutMs?: number | undefined;
	/** Widens, narrows (`0`) or replaces each operation's default retry policy. */
	retry?: RetryOption | undefined;
	/** A custom `fetch` (a proxy, a test double); default the platform's, looked up per call. */
	fetch?: FetchLike | undefined;
	/** Hooks around each attempt. */
	hooks?: Hooks | undefined;
	/** Extra headers for every request. They cannot replace the SDK's own protocol headers. */
	headers?: HeadersInit | undefined;
	/** Largest response body read, in bytes, error bodies included; default 1 MiB. */
	maxResponseBytes?: number | undefined;
	/**
	 * Lets calls run in a browser page (a `window` with a `document`). Off by default: a secret key
	 * in a page is readable by anyone, so calls there return a `SecretKeyError` instead.
	 */
	dangerouslyAllowBrowser?: boolean | undefined;
	/** Receives a structured event at each step of every call. */
	logger?: Logger | undefined;
	/** A request budget shared with other processes (see `ClerkBudget`); default none: this process's calls only. */
	budget?: ClerkBudget | undefined;
}

/** Options of one call, each overriding the core's setting for that call only. */
export interface RequestOptions {
	/** Aborts the call; it then resolves to an `AbortedError`. */
	signal?: AbortSignal | undefined;
	/** Deadline of the whole call, in ms. */
	timeoutMs?: number | undefined;
	/** Widens, narrows (`0`) or replaces the operation's retry policy. */
	retry?: RetryOption | undefined;
	/** Extra request headers. They cannot replace `Authorization`, `Accept`, `Content-Type` or `Clerk-API-Version`. */
	headers?: HeadersInit | undefined;
	/**
	 * Body fields this SDK does not model yet, sent as given, in Clerk's snake_case (`{ locale:
	 * 'fr' }`) — for a field Clerk added before a release of ours. Plain JSON data only (checked
	 * before anything is sent); a field the SDK sets from the request (`user_id`) is refused, not
	 * overridden. It goes in the body only, never a header.
	 */
	extraBody?: Record<string, unknown> | undefined;
}
