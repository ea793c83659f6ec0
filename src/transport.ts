// The `clerk-sign-in-tokens/transport` entry: a custom `fetch` and hooks around each attempt, for
// the core's `transport`. The checks of what a custom fetch answers, and the race that bounds one
// that never settles, live here: a core without a transport sends to the platform's fetch and
// carries none of them.
import { unknownKey } from './lib/unknownKey.ts';
import { register } from './lib/option.ts';
import { ended } from './pipeline/call.ts';
import type { Transport } from './pipeline/options.ts';
import type { Call, TransportOption } from './pipeline/types.ts';

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

/** What `transport` takes; both are optional. */
export interface TransportOptions {
	/** A custom `fetch` (a proxy, a test double); default the platform's, looked up per call. */
	fetch?: FetchLike | undefined;
	/** Hooks around each attempt. */
	hooks?: Hooks | undefined;
}

const FIELDS = ['fetch', 'hooks'];
const HOOKS = ['beforeRequest', 'beforeRetry', 'afterResponse'];

/**
 * A transport for `new ClerkCore({ transport })`: attempts go through ky's `Request` to your
 * `fetch` (or the platform's), with your hooks around each. Whatever they do, a call still ends
 * with one typed result by its deadline: a fetch or hook that never settles ends it as a
 * `timeout`, one that throws or answers with anything but a usable `Response` as `unexpected`.
 *
 * @param options Your `fetch` and `hooks`.
 * @returns The transport.
 * @throws {TypeError} When `fetch` is not a function, a hook list is not an array of functions, or
 *   an option is unknown.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ transport: transport({ fetch: myProxyFetch }) });
 * ```
 */
export function transport(options: TransportOptions): Transport {
	const issue = issueOf(options);
	if (issue) throw new TypeError(`transport: ${issue}`);
	const { fetch, hooks } = options;
	const option: TransportOption = register('transport', {
		hooks,
		async send(call, request, init) {
			// A custom fetch is called without a receiver (a Worker's own fetch throws on another
			// one), and raced against the call's end: one that ignores its signal still ends.
			const answer: unknown = await Promise.race([fetch ? fetch(request, init) : globalThis.fetch(request, init), aborted(call)]);
			const wrong = misbehaviour(answer as Response);
			// A RangeError: a bug in the fetch, not a network failure to retry (see pipeline/attempt.ts).
			if (wrong) throw new RangeError(`fetch resolved to ${wrong}`);
			// A custom stream may enqueue strings or other values: the pipeline reads bytes only.
			const { body } = answer as Response;
			return body ? new Response(body.pipeThrough(bytesOnly()), answer as Response) : (answer as Response);
		},
	} as TransportOption);
	return option;
}

function issueOf(options: unknown): string | undefined {
	if (typeof options !== 'object' || options === null) return 'options must be an object: { fetch?, hooks? }';
	const unknown = Object.keys(options).find((key) => !FIELDS.includes(key));
	if (unknown !== undefined) return `options ${unknownKey(unknown, FIELDS, 'option')}`;
	const { fetch, hooks } = options as TransportOptions;
	if (fetch !== undefined && typeof fetch !== 'function') return 'options.fetch must be a function';
	const lists = typeof hooks === 'object' && hooks !== null ? Object.entries(hooks) : undefined;
	if (
		hooks !== undefined &&
		!lists?.every(([name, list]) => HOOKS.includes(name) && (list === undefined || (Array.isArray(list) && list.every((h) => typeof h === 'function'))))
	) {
		return `options.hooks must be arrays of functions under ${HOOKS.join(', ')}`;
	}
	return undefined;
}

// Passes a body's bytes on, and fails it with a RangeError (not the TypeError of a lost connection:
// this is a bug in the fetch, not in the network) at the first chunk that is not bytes.
const bytesOnly = () =>
	new TransformStream<unknown, Uint8Array>({
		transform(chunk, controller) {
			if (!ArrayBuffer.isView(chunk)) throw new RangeError('body is not a byte stream');
			controller.enqueue(chunk as Uint8Array);
		},
	});

// Rejects with the signal's reason when the call ends: raced against a fetch that may never settle.
const aborted = (call: Call): Promise<never> =>
	ended(call.signal).then(() => {
		throw call.signal.reason;
	});

// A Response by tag, not instanceof: a custom fetch (undici's, a polyfill's) may build another
// realm's. What a fetch must never resolve to is a bug in that fetch, not a network failure or an
// API status 0.
function misbehaviour(response: Response): string | undefined {
	if (Object.prototype.toString.call(response) !== '[object Response]') return 'something other than a Response';
	if (response.type === 'error' || !response.status) return 'Response.error() or an opaque Response';
	return response.bodyUsed ? 'a Response whose body was already read' : undefined;
}
