// The one pipeline every operation runs through: check the input, resolve the key, send through
// ky, and map every outcome to exactly one typed result — within one deadline, whatever the server
// or the caller's own callbacks (key provider, hooks, fetch) do.
import ky, { isHTTPError, isNetworkError } from 'ky';
import type { Options as KyOptions } from 'ky';
import * as v from 'valibot';
import type { ClerkEvent, ResolvedConfig, RetryOption, RetryPolicy } from '../core.ts';
import { AbortedError } from '../errors/AbortedError.ts';
import { ClerkAPIError } from '../errors/ClerkAPIError.ts';
import type { ClerkAPIErrorInit, ClerkErrorDetail } from '../errors/ClerkAPIError.ts';
import { ConnectionError } from '../errors/ConnectionError.ts';
import { InvalidRequestError } from '../errors/InvalidRequestError.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { ResponseValidationError } from '../errors/ResponseValidationError.ts';
import { TimeoutError } from '../errors/TimeoutError.ts';
import { UnexpectedError } from '../errors/UnexpectedError.ts';
import { commonFields, custom, isFunction, isObject } from '../lib/checks.ts';
import { configs } from '../lib/configs.ts';
import { EXTRAS } from '../lib/extras.ts';
import type { Extras } from '../lib/extras.ts';
import { retryAfterMs } from '../lib/retryAfter.ts';
import { plainHeaders, scrubber, summarize, withhold } from '../lib/scrub.ts';
import type { Scrub } from '../lib/scrub.ts';
import { validate } from '../lib/validate.ts';
import type { Issue } from '../lib/validate.ts';
import { VERSION } from '../lib/version.ts';
import type { ApiResult } from '../result.ts';
import { readBody, readCapped } from './body.ts';
import { resolveKey } from './key.ts';
import { resolvePolicy, toKyRetry } from './retry.ts';

/** What an operation is, as data: everything that differs between two operations. */
export interface Operation<I, T> {
	/** The function's name, in logs and spans. */
	name: string;
	/** The HTTP method, as the spec gives it. */
	method: string;
	/** The path below `serverURL` as the spec writes it; each `{param}` is filled from `params`, percent-encoded. */
	path: string;
	params?: (input: I) => Record<string, string>;
	/** Checks the caller's input. */
	input: v.ObjectSchema<v.ObjectEntries, string>;
	/** The JSON body for a valid input, if the operation has one. */
	body?: (input: I) => unknown;
	/** Parses a 2xx body; every other status is a `ClerkAPIError`. */
	output: v.GenericSchema<unknown, T>;
	/** The default retry policy, before the core's and the call's settings. */
	retry: RetryPolicy;
	/** Facts an operation reads from its own errors (revoke: the token's status). */
	explain?: (errors: ClerkErrorDetail[]) => Partial<ClerkAPIErrorInit>;
}

/** The per-call options every operation takes (`RequestOptions`), as checked before a call. */
export const CallOptionsSchema = v.object(
	{
		...commonFields<RetryOption>(),
		signal: custom<AbortSignal>(
			(input) => isObject(input) && typeof input.aborted === 'boolean' && isFunction(input.addEventListener),
			'must be an AbortSignal',
		),
	},
	'must be an object',
);

type Call = v.InferOutput<typeof CallOptionsSchema>;
type Result<T> = ApiResult<T, OperationError>;

// The deadline's abort reason; the caller's own reason is anything else.
const DEADLINE = {};
const fail = <E>(error: E) => ({ ok: false as const, error });
const tag = (value: unknown) => Object.prototype.toString.call(value);

/**
 * Runs one operation. It never throws and never rejects.
 *
 * @param core The caller's `ClerkCore`.
 * @param op The operation.
 * @param request The caller's input.
 * @param options The caller's per-call options; a batch caller's extras ride along under `EXTRAS`.
 * @returns The parsed value with its `HttpMeta`, or one typed error.
 */
export function send<I, T>(core: unknown, op: Operation<I, T>, request: unknown, options: unknown): Promise<Result<T>> {
	try {
		const config = configs.get(core as object) as ResolvedConfig | undefined;
		const issues: Issue[] = config ? [] : [{ path: 'core', message: 'must be a ClerkCore (made by this copy of clerk-sign-in-tokens)' }];
		const input = validate(op.input, request, 'request', false);
		// Most calls pass no options: their schema is skipped.
		const call = options === undefined ? { value: {} } : validate(CallOptionsSchema, options, 'options');
		for (const checked of [input, call]) if ('issues' in checked) issues.push(...checked.issues);
		const extras = (options as { [EXTRAS]?: Extras } | undefined)?.[EXTRAS];
		if (issues.length || !('value' in input) || !('value' in call)) {
			const refused = fail(new InvalidRequestError(issues));
			// A call refused before I/O is still a call: error-rate metrics and spans see it.
			emitter(config, op.name, extras)?.('outcome', outcomeOf(refused, undefined, 0, 0, undefined));
			return Promise.resolve(refused);
		}
		return run(config as ResolvedConfig, op, input.value as I, call.value as Call, extras);
	} catch {
		// Unreachable by design; kept so that even a bug here resolves instead of throwing.
		return Promise.resolve(fail(new UnexpectedError('pipeline failed')));
	}
}

type Emit = (type: string, event: object) => void;

// Structured events for the core's logger and a batch's listener: built only when one listens, from
// fields that cannot hold the key, a ticket or an ID. Called as `emit?.(…)`: with no listener, not
// even the event's fields are computed.
function emitter(config: ResolvedConfig | undefined, operation: string, extras: Extras | undefined): Emit | undefined {
	const listeners = [config?.logger, extras?.observe].filter(Boolean) as ((event: ClerkEvent) => unknown)[];
	if (!listeners.length) return undefined;
	const callId = crypto.randomUUID();
	return (type, event) => {
		for (const listener of listeners) {
			try {
				// An async logger's rejection (a log sink that is down) is caught like a throw.
				const returned = listener({ type, operation, callId, ...event } as ClerkEvent) as PromiseLike<unknown> | undefined;
				if (typeof returned?.then === 'function') returned.then(undefined, noop);
			} catch {
				// A logger's failure is its own; the call goes on.
			}
		}
	};
}

const noop = () => {};

// The outcome event of a settled call.
function outcomeOf(result: Result<unknown>, status: number | undefined, attempts: number, durationMs: number, traceId: string | undefined): object {
	const api = !result.ok && result.error.kind === 'api' ? result.error : undefined;
	return {
		outcome: result.ok ? 'ok' : result.error.kind,
		status,
		code: api?.errors[0]?.code,
		attempts,
		durationMs,
		traceId: result.ok ? result.response.traceId : (api?.clerkTraceId ?? traceId),
	};
}

async function run<I, T>(config: ResolvedConfig, op: Operation<I, T>, input: I, call: Call, extras: Extras | undefined): Promise<Result<T>> {
	const started = Date.now();
	const timeoutMs: number = call.timeoutMs ?? config.timeoutMs;
	// One deadline and one abort for everything the call awaits, from this moment: the key, hooks,
	// fetch, every attempt and backoff, the body. It bounds the call by racing it (below), so a
	// callback that never settles cannot hold the call, and it aborts the signal every attempt
	// checks, so nothing is sent once the call has ended.
	const deadline = new AbortController();
	const { signal } = deadline;
	const timer = setTimeout(() => deadline.abort(DEADLINE), timeoutMs);
	// The caller's signal feeds the same controller (AbortSignal.any is missing on edge-runtime).
	const caller = call.signal;
	const forward = () => deadline.abort(caller?.reason);
	if (caller?.aborted) forward();
	else caller?.addEventListener('abort', forward, { once: true });

	const emit = emitter(config, op.name, extras);

	let key: string | undefined;
	let scrub: Scrub = withhold;
	let attempts = 0;
	let status: number | undefined;
	let traceId: string | undefined;
	const pending = resolveKey(config.secretKey, config.dangerouslyAllowBrowser);
	const keyed = (resolved: string) => {
		key = resolved;
		scrub = scrubber(resolved);
	};
	if (typeof pending === 'string') keyed(pending);
	const headersOf = (response: Response) => plainHeaders(response.headers, scrub, scrubber((key as string).toLowerCase()));

	const work = async (): Promise<Result<T> | undefined> => {
		let reading = false;
		let fetchFailure: unknown;
		let misbehaved: string | undefined;
		try {
			const resolved = typeof pending === 'string' ? pending : await pending;
			if (typeof resolved !== 'string') return fail(resolved);
			// The call ended while the key was on its way: send nothing.
			if (signal.aborted) return undefined;
			keyed(resolved);
			const params = op.params?.(input) ?? {};
			const url = config.serverURL + op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
			const body = op.body ? JSON.stringify(op.body(input)) : null;
			const headers: Record<string, string> = {
				'user-agent': `clerk-sign-in-tokens/${VERSION}`,
				...config.headers,
				...call.headers,
				authorization: `Bearer ${resolved}`,
				accept: 'application/json',
				'clerk-api-version': config.apiVersion,
				...(body && { 'content-type': 'application/json' }),
			};
			const init = { method: op.method, headers, body, signal, redirect: 'manual' as const };
			emit?.('request', { method: op.method, urlTemplate: op.path, serverURL: config.serverURL });
			// Without hooks or a custom fetch, an attempt goes to the platform's fetch from the URL,
			// headers and body held here, so the runtime does not build a second Request from ky's.
			const { fetch: customFetch, hooks } = config;
			const direct = !customFetch && !hooks;
			let ended = started;
			let reason = '';
			const attempt = async (request: Request, kyInit?: RequestInit): Promise<Response> => {
				if (attempts && extras?.gate) await extras.gate(signal);
				// Nothing leaves once the call has ended (a late hook or gate lands here).
				if (signal.aborted) throw signal.reason;
				if (attempts++) emit?.('retry', { attempt: attempts, reason, delayMs: Date.now() - ended });
				const sent = Date.now();
				let answer: unknown;
				try {
					answer = direct
						? await globalThis.fetch(url, init)
						: // A fetch that ignores its signal still ends the attempt when the call does.
							await Promise.race([customFetch ? customFetch(request, kyInit) : globalThis.fetch(request, kyInit), aborted(signal)]);
				} catch (error) {
					// An attempt cut short by the call's end is not a network failure to retry.
					if (!signal.aborted) {
						fetchFailure = error;
						reason = reasonOf(error, scrub);
					}
					ended = Date.now();
					throw error;
				}
				ended = Date.now();
				// A Response by tag, not instanceof: a custom fetch (undici's, a polyfill's) may build
				// another realm's. What a fetch must never resolve to is a bug in that fetch, not a
				// network failure or an API status 0.
				const response = answer as Response;
				misbehaved =
					tag(answer) !== '[object Response]'
						? 'something other than a Response'
						: response.type === 'error' || !response.status
							? 'Response.error() or an opaque Response'
							: response.bodyUsed
								? 'a Response whose body was already read'
								: undefined;
				if (misbehaved) throw new Error((misbehaved = `fetch resolved to ${misbehaved}`));
				status = response.status;
				traceId = response.headers.get('x-clerk-trace-id') ?? response.headers.get('cf-ray') ?? undefined;
				reason = `status ${status}`;
				const wait = response.ok ? undefined : retryAfterMs(response.headers);
				emit?.('response', { attempt: attempts, status, durationMs: ended - sent, traceId: traceId && scrub(traceId), retryAfterMs: wait });
				if (response.ok) return response;
				// An error status: its body is read here, capped, so ky — which would read an error
				// body up to its own 10 MiB — only sees what is kept. A 304 carries none.
				const kept = await readCapped(response.body, config.maxResponseBytes, signal, true);
				return new Response(status === 304 ? null : kept, response);
			};

			const response: unknown = await ky(url, {
				// A direct attempt sends what is held here, so ky's own Request needs no headers, body or
				// deadline signal: ky's backoff ends by the deadline (see toKyRetry), and the caller's
				// own signal still cuts it short.
				// (A polyfill's signal-like object would break ky's AbortSignal.any: ours stands in.)
				...(direct ? { method: op.method, signal: caller === undefined ? null : caller instanceof AbortSignal ? caller : signal } : init),
				// One deadline, ours: ky's own timeouts stop at the Response.
				timeout: false,
				retry: toKyRetry(
					resolvePolicy(op.retry, config.retry, call.retry),
					op.method,
					() => started + timeoutMs - Date.now(),
					(error) => error === fetchFailure,
				),
				// Error bodies stay raw text; they are parsed below.
				parseJson: (text: string) => text,
				fetch: attempt as NonNullable<KyOptions['fetch']>,
				...(hooks && { hooks: hooks as NonNullable<KyOptions['hooks']> }),
			});
			// ky resolves to undefined when a hook stops the call without a response.
			if (tag(response) !== '[object Response]') return fail(new UnexpectedError('a hook ended the call without a response'));
			reading = true;
			const ok = response as Response;
			const text = await readBody(ok, config.maxResponseBytes, signal, direct);
			if (typeof text !== 'string') return fail(new ResponseValidationError(text.refused, ok.status, ''));
			let data: unknown;
			try {
				data = parseJSON(text, scrub);
			} catch {
				return fail(new ResponseValidationError('body is not JSON', ok.status, scrub(text)));
			}
			const parsed = v.safeParse(op.output, data);
			if (!parsed.success) {
				const issues = parsed.issues.map((issue) => ({ path: issue.path?.map((item) => item.key).join('.') ?? 'body', message: scrub(issue.message) }));
				return fail(new ResponseValidationError(`body does not match the model at ${issues[0]?.path}`, ok.status, scrub(text), issues));
			}
			const meta = headersOf(ok);
			// The same trace id an error would carry, from the headers a success has.
			return { ok: true, value: parsed.output, response: { status: ok.status, headers: meta, traceId: meta['x-clerk-trace-id'] ?? meta['cf-ray'] } };
		} catch (error) {
			if (signal.aborted) return undefined;
			if (misbehaved) return fail(new UnexpectedError(misbehaved));
			if (isHTTPError(error)) {
				const { response } = error;
				const text = typeof error.data === 'string' ? error.data : '';
				let parsed: { errors?: unknown; clerk_trace_id?: unknown } | undefined;
				try {
					parsed = parseJSON(text, scrub) as typeof parsed;
				} catch {
					// A proxy's HTML page: no Clerk errors; the status and raw body still tell.
				}
				const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
				// Clerk's error shape (spec: components.schemas.ClerkErrors), read leniently.
				const errors: ClerkErrorDetail[] = (Array.isArray(parsed?.errors) ? parsed.errors : []).flatMap((e: Record<string, unknown>) =>
					str(e?.code) !== undefined && str(e.message) !== undefined
						? [{ code: e.code as string, message: e.message as string, longMessage: str(e.long_message), meta: isObject(e.meta) ? e.meta : undefined }]
						: [],
				);
				const headers = headersOf(response);
				const wait = retryAfterMs(response.headers);
				return fail(
					new ClerkAPIError({
						status: response.status,
						errors,
						clerkTraceId: str(parsed?.clerk_trace_id) ?? headers['x-clerk-trace-id'] ?? headers['cf-ray'],
						retryAfter: wait === undefined ? undefined : Math.ceil(wait / 1000),
						body: scrub(text),
						headers,
						...op.explain?.(errors),
					}),
				);
			}
			const cause = isNetworkError(error) ? error.cause : error;
			// What the platform reports a network failure as: a TypeError (Node, Deno, workerd), or
			// an error with a code (Bun's `ConnectionRefused`).
			if ((reading || cause === fetchFailure) && ((cause as Error)?.name === 'TypeError' || typeof (cause as { code?: unknown })?.code === 'string')) {
				return fail(new ConnectionError(summarize(cause, scrub)));
			}
			return fail(new UnexpectedError(cause instanceof Error ? scrub(String(cause.message)) : 'a non-Error was thrown', summarize(cause, scrub)));
		}
	};

	try {
		const result: Result<T> =
			(await Promise.race([work(), ended(signal)])) ??
			fail(
				signal.reason === DEADLINE
					? new TimeoutError(timeoutMs)
					: // The caller's reason, as a scrubbed copy (its name and code only if the key never arrived).
						new AbortedError(summarize(signal.reason, scrub)),
			);
		emit?.('outcome', outcomeOf(result, status, attempts, Date.now() - started, traceId && scrub(traceId)));
		return result;
	} finally {
		clearTimeout(timer);
		caller?.removeEventListener('abort', forward);
	}
}

// Resolves to undefined when the signal aborts: what ends a call that its work does not end.
function ended(signal: AbortSignal): Promise<undefined> {
	return new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', () => resolve(undefined), { once: true })));
}

// Rejects with the signal's reason when it aborts: raced against a fetch that may never settle.
const aborted = (signal: AbortSignal): Promise<never> =>
	ended(signal).then(() => {
		throw signal.reason;
	});

// Why an attempt failed, for the retry event: the network error's code, down its cause chain, or
// its name.
function reasonOf(error: unknown, scrub: Scrub): string {
	try {
		const { code, cause, name } = error as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
		return scrub(String(code ?? cause?.code ?? name));
	} catch {
		return 'network error';
	}
}

// Escapes (`\u0073`, `\/`) could spell the key in a way no text scrub sees; re-serialized, a body
// holds only the forms `scrub` knows. Bodies without a backslash cannot hide one.
function parseJSON(text: string, scrub: Scrub): unknown {
	return JSON.parse(scrub(text.includes('\\') ? JSON.stringify(JSON.parse(text)) : text));
}
