// The `clerk-sign-in-tokens/core` entry: `ClerkCore` and every shape of its configuration — the
// types users read, the schema that checks them, the defaults and the resolved form, in one place.
import * as v from 'valibot';
import type { ErrorKind } from './errors/SdkError.ts';
import type { Assert, Equal } from './lib/equal.ts';
import { RETRY_FIELDS, Timeout, commonFields, custom, isFunction, isObject } from './lib/checks.ts';
import { configs } from './lib/configs.ts';
import { trimSlashes } from './lib/trimSlashes.ts';
import { validate } from './lib/validate.ts';

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

/** When a failed attempt is tried again. Field names follow ky's `retry` option where ky has one. */
export interface RetryPolicy {
	/** Retries after the first attempt; `0` turns retries off. */
	limit: number;
	/** HTTP statuses that are retried. */
	statusCodes: readonly number[];
	/**
	 * Which network failures are retried: `"any"`, `"none"`, or only `"unsent"` ones that prove the
	 * request never left (connection refused, DNS failure).
	 */
	networkErrors: 'any' | 'unsent' | 'none';
	/** Longest wait a 429/503 may ask for, in ms; a longer one ends the call with it at once. */
	maxRetryAfter: number;
	/** Longest backoff delay between attempts, in ms. */
	backoffLimit: number;
	/** Backoff before retry number `attempt` (from 1), in ms; ky's 300·2ⁿ⁻¹ by default. */
	delay?: ((attempt: number) => number) | undefined;
	/** Randomize each backoff between 0 and its value (full jitter), so clients do not retry in step. */
	jitter: boolean;
}

/** A retry setting: a number is a `limit`; an object changes only the fields it names. */
export type RetryOption = number | { [K in keyof RetryPolicy]?: RetryPolicy[K] | undefined };

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
export type ClerkEvent = ClerkRequestEvent | ClerkResponseEvent | ClerkRetryEvent | ClerkOutcomeEvent;

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
}

const HOOKS = ['beforeRequest', 'beforeRetry', 'afterResponse'];

type _RetryTied = Assert<Equal<keyof RetryPolicy, keyof typeof RETRY_FIELDS>>;

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);

// The key must never travel in clear text: http: only for loopback (localhost, 127.0.0.0/8, [::1]).
// A query, fragment or credentials would be mangled by joining paths, so they are refused too,
// even empty (a bare trailing `?` or `#`).
function isServerURL(input: string): boolean {
	try {
		const url = new URL(input);
		return (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) && !/[?#]/.test(input) && !(url.username || url.password);
	} catch {
		return false;
	}
}

const ConfigSchema = v.object(
	{
		...commonFields<RetryOption>(),
		secretKey: custom<SecretKeySource>((input) => typeof input === 'string' || isFunction(input), 'must be a string or a function returning one'),
		serverURL: v.optional(
			v.pipe(
				v.string('must be a string'),
				v.check(isServerURL, 'must be an https URL (http only on loopback), without query, fragment or credentials'),
				v.transform(trimSlashes),
			),
			'https://api.clerk.com/v1',
		),
		apiVersion: v.optional(
			v.pipe(
				v.string('must be a string'),
				v.check((s) => /^\d{4}-\d\d-\d\d$/.test(s), 'must be a dated version like 2026-05-12 (the /v1 belongs in serverURL)'),
			),
			'2026-05-12',
		),
		timeoutMs: v.optional(Timeout, 10_000),
		fetch: custom<FetchLike>(isFunction, 'must be a function'),
		hooks: custom<Hooks>(
			(input) =>
				isObject(input) &&
				Object.entries(input).every(([name, list]) => HOOKS.includes(name) && (list === undefined || (Array.isArray(list) && list.every(isFunction)))),
			`must be arrays of functions under ${HOOKS.join(', ')}`,
		),
		maxResponseBytes: v.optional(
			v.pipe(
				v.number('must be a number'),
				v.check((n) => Number.isInteger(n) && n >= 1, 'must be a whole number of bytes, at least 1'),
			),
			1_048_576,
		),
		dangerouslyAllowBrowser: custom<boolean>((input) => typeof input === 'boolean', 'must be a boolean'),
		logger: custom<Logger>(isFunction, 'must be a function'),
	},
	'must be a plain object',
);

type _ConfigTied = Assert<Equal<v.InferInput<typeof ConfigSchema>, ClerkCoreConfig>>;

/**
 * A `ClerkCoreConfig` with its defaults applied and its headers normalized: what the pipeline reads.
 *
 * @internal
 */
export interface ResolvedConfig extends Omit<ClerkCoreConfig, 'serverURL' | 'apiVersion' | 'timeoutMs' | 'maxResponseBytes' | 'headers'> {
	/** Without trailing slashes. */
	serverURL: string;
	/** Sent as `Clerk-API-Version`. */
	apiVersion: string;
	/** The default deadline of a call. */
	timeoutMs: number;
	/** The body cap. */
	maxResponseBytes: number;
	/** Extra headers, lower-cased names. */
	headers?: Record<string, string> | undefined;
}

type _ResolvedTied = Assert<Equal<v.InferOutput<typeof ConfigSchema>, ResolvedConfig>>;

/**
 * Holds the configuration shared by the operation functions. It validates once and stores; it
 * does no I/O and starts no timer, so creating one costs nothing until a call is made.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ secretKey: process.env.CLERK_SECRET_KEY });
 * ```
 */
export class ClerkCore {
	// Nominal: any other object, however shaped, is not a core to the type checker either.
	declare private readonly brand: never;

	/**
	 * @param config The settings; omitted fields take their defaults.
	 * @throws {TypeError} When a setting is malformed or unknown (`apiUrl` — did you mean `serverURL`?).
	 */
	constructor(config?: ClerkCoreConfig) {
		// A class instance is not a config: a core from another copy of this package would
		// otherwise read as an empty config, and silently fall back to the defaults.
		const proto: unknown = typeof config === 'object' && config !== null && Object.getPrototypeOf(config);
		const parsed =
			proto === false || proto === null || Object.getPrototypeOf(proto) === null
				? validate(ConfigSchema, config ?? {}, 'config')
				: { issues: [{ path: 'config', message: 'must be a plain object, not a class instance (a core of another copy of this package?)' }] };
		if ('issues' in parsed) throw new TypeError(`Invalid ClerkCore config: ${parsed.issues.map(({ path, message }) => `${path} ${message}`).join('; ')}`);
		configs.set(this, parsed.value);
	}
}
