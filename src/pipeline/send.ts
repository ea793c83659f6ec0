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
import type { InputIssue } from '../errors/InvalidRequestError.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { ResponseValidationError } from '../errors/ResponseValidationError.ts';
import { TimeoutError } from '../errors/TimeoutError.ts';
import { UnexpectedError } from '../errors/UnexpectedError.ts';
import { RETRY_FIELDS, commonFields, custom, isFunction, isObject } from '../lib/checks.ts';
import { configs } from '../lib/configs.ts';
import { EXTRAS } from '../lib/extras.ts';
import type { Extras } from '../lib/extras.ts';
import { toIssues } from '../lib/issues.ts';
import { retryAfterMs } from '../lib/retryAfter.ts';
import { plainHeaders, scrubber, summarize, withhold } from '../lib/scrub.ts';
import type { Scrub } from '../lib/scrub.ts';
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
	input: v.GenericSchema<unknown, I>;
	/** The JSON body for a valid input, if the operation has one. */
	body?: (input: I) => unknown;
	/** Parses a 2xx body; every other status is a `ClerkAPIError`. */
	output: v.GenericSchema<unknown, T>;
	/** The default retry policy, before the core's and the call's settings. */
	retry: RetryPolicy;
	/** Facts an operation reads from its own errors (revoke: the token's status). */
	explain?: (errors: ClerkErrorDetail[]) => Partial<ClerkAPIErrorInit>;
}

const CallOptionsSchema = v.strictObject(
	{
		...commonFields<RetryOption>(),
		signal: custom<AbortSignal>(
			(input) => isObject(input) && typeof input.aborted === 'boolean' && isFunction(input.addEventListener),
			'must be an AbortSignal',
		),
	},
	'must be an object',
);
const CALL_OPTION_NAMES = [...Object.keys(CallOptionsSchema.entries), ...Object.keys(RETRY_FIELDS)];

type Call = v.InferOutput<typeof CallOptionsSchema>;
type Result<T> = ApiResult<T, OperationError>;

// The deadline's abort reason; the caller's own reason is anything else.
const DEADLINE = {};
const tag = (value: unknown) => Object.prototype.toString.call(value);
// What the platform reports a network failure as: a TypeError (Node, Deno, workerd), or an error
// with a code (Bun's `ConnectionRefused`, undici's causes).
const isNetworkFailure = (error: unknown) => (error as Error)?.name === 'TypeError' || typeof (error as { code?: unknown })?.code === 'string';

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
		const issues: InputIssue[] = [];
		const config = configs.get(core as object) as ResolvedConfig | undefined;
		if (!config) issues.push({ path: 'core', message: 'must be a ClerkCore (made by this copy of clerk-sign-in-tokens)' });
		const input = check(op.input, request, 'request', 'field', false, issues);
		// Most calls pass no options: skip their schema.
		const call = options === undefined ? { value: {} } : check(CallOptionsSchema, options, 'options', 'option', true, issues);
		if (!config || !input || !call) return Promise.resolve({ ok: false, error: new InvalidRequestError(issues) });
		return run(config, op, input.value, call.value, (options as { [EXTRAS]?: Extras } | undefined)?.[EXTRAS]);
	} catch {
		// Unreachable by design; kept so that even a bug here resolves instead of throwing.
		return Promise.resolve({ ok: false, error: new UnexpectedError('pipeline failed') });
	}
}

// valibot runs getters and proxy traps of the input; one that throws is refused, not rethrown.
function check<S extends v.GenericSchema>(
	schema: S,
	value: unknown,
	name: string,
	noun: string,
	prefixed: boolean,
	issues: InputIssue[],
): { value: v.InferOutput<S> } | undefined {
	try {
		const parsed = v.safeParse(schema, value, { abortPipeEarly: true });
		if (parsed.success) return { value: parsed.output };
		const known = prefixed ? CALL_OPTION_NAMES : Object.keys((schema as { entries?: object }).entries ?? {});
		issues.push(...toIssues(parsed.issues, name, known, noun, prefixed));
	} catch {
		issues.push({ path: name, message: 'could not be read' });
	}
	return undefined;
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
	const log = config.logger;
	const observe = extras?.observe;
	const callId = log || observe ? crypto.randomUUID() : '';
	const emit =
		log || observe
			? (event: Record<string, unknown>) => {
					for (const listener of [log, observe]) {
						try {
							listener?.({ ...event, operation: op.name, callId } as ClerkEvent);
						} catch {
							// A logger's failure is its own; the call goes on.
						}
					}
				}
			: undefined;

	let key: string | undefined;
	let scrub: Scrub = String;
	let attempts = 0;
	let status: number | undefined;
	let traceId: string | undefined;
	const keyed = (resolved: string) => {
		key = resolved;
		scrub = scrubber(resolved);
	};
	const pending = resolveKey(config.secretKey, config.dangerouslyAllowBrowser);
	if (typeof pending === 'string') keyed(pending);

	const work = async (): Promise<Result<T> | undefined> => {
		let reading = false;
		let fetchFailure: unknown;
		let misbehaved: string | undefined;
		try {
			const resolved = typeof pending === 'string' ? pending : await pending;
			if (typeof resolved !== 'string') return { ok: false, error: resolved };
			// The call ended while the key was on its way: send nothing.
			if (signal.aborted) return undefined;
			keyed(resolved);
			const params = op.params?.(input) ?? {};
			const url = config.serverURL + op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
			const body = op.body && JSON.stringify(op.body(input));
			const headers: Record<string, string> = {
				'user-agent': `clerk-sign-in-tokens/${VERSION}`,
				...config.headers,
				...call.headers,
				authorization: `Bearer ${resolved}`,
				accept: 'application/json',
				'clerk-api-version': config.apiVersion,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			};
			if (emit) {
				const server = new URL(config.serverURL);
				emit({
					type: 'request',
					method: op.method,
					urlTemplate: op.path,
					serverAddress: server.hostname,
					serverPort: Number(server.port) || (server.protocol === 'https:' ? 443 : 80),
				});
			}
			// Without hooks or a custom fetch, an attempt goes to the platform's fetch from the URL,
			// headers and body held here, so the runtime does not build a second Request from ky's.
			const { fetch: customFetch, hooks } = config;
			const direct = !customFetch && !hooks;
			let ended = started;
			let reason = '';
			const attempt = async (request: Request, init?: RequestInit): Promise<Response> => {
				if (attempts && extras?.gate) await extras.gate(signal);
				// Nothing leaves once the call has ended (a late hook or gate lands here).
				if (signal.aborted) throw signal.reason;
				attempts++;
				if (attempts > 1) emit?.({ type: 'retry', attempt: attempts, reason, delayMs: Date.now() - ended });
				const sent = Date.now();
				let answer: unknown;
				try {
					answer = direct
						? await globalThis.fetch(url, { method: op.method, headers, ...(body === undefined ? {} : { body }), signal, redirect: 'manual' })
						: await race(Promise.resolve(customFetch ? customFetch(request, init) : globalThis.fetch(request, init)), signal);
				} catch (error) {
					// An attempt cut short by the call's end is not a network failure to retry.
					if (!signal.aborted) {
						fetchFailure = error;
						ended = Date.now();
						reason = reasonOf(error, scrub);
					}
					throw error;
				}
				ended = Date.now();
				// A Response by tag, not instanceof: a custom fetch (undici's, a polyfill's) may build
				// another realm's. What a fetch must never resolve to is an unexpected error, not a
				// network one or an API status 0.
				if (tag(answer) !== '[object Response]') misbehaved = 'fetch resolved to something that is not a Response';
				else if ((answer as Response).type === 'error' || !(answer as Response).status)
					misbehaved = 'fetch resolved to a network-error Response (Response.error()) or an opaque one';
				else if ((answer as Response).bodyUsed) misbehaved = 'fetch resolved to a Response whose body was already read';
				if (misbehaved) throw new Error(misbehaved);
				const response = answer as Response;
				status = response.status;
				traceId = response.headers.get('x-clerk-trace-id') ?? undefined;
				reason = `status ${status}`;
				emit?.({
					type: 'response',
					attempt: attempts,
					status,
					durationMs: ended - sent,
					traceId: traceId && scrub(traceId),
					retryAfterMs: response.ok ? undefined : retryAfterMs(response.headers),
				});
				if (response.ok) return response;
				// An error status: its body is read here, capped, so ky — which would read an error
				// body up to its own 10 MiB — only sees what is kept. A 304 carries none.
				const kept = await readCapped(response.body, config.maxResponseBytes, signal, true);
				return new Response(status === 304 ? null : kept, { status, statusText: response.statusText, headers: response.headers });
			};

			const policy = resolvePolicy(op.retry, config.retry, call.retry);
			const response: unknown = await ky(url, {
				method: op.method,
				headers,
				...(body === undefined ? {} : { body }),
				signal,
				// One deadline, ours: ky's own timeouts stop at the Response.
				timeout: false,
				// A redirect would carry the key to another origin; Clerk's API never redirects.
				redirect: 'manual',
				retry: toKyRetry(
					policy,
					op.method,
					() => started + timeoutMs - Date.now(),
					(error) => error === fetchFailure,
				),
				// Error bodies stay raw text; they are parsed below.
				parseJson: (text: string) => text,
				fetch: attempt as NonNullable<KyOptions['fetch']>,
				...(hooks ? { hooks: hooks as NonNullable<KyOptions['hooks']> } : {}),
			});
			// ky resolves to undefined when a hook stops the call without a response.
			if (tag(response) !== '[object Response]') return { ok: false, error: new UnexpectedError('a hook ended the call without a response') };
			reading = true;
			return await parse(response as Response);
		} catch (error) {
			if (signal.aborted) return undefined;
			if (misbehaved) return { ok: false, error: new UnexpectedError(misbehaved) };
			if (isHTTPError(error)) return { ok: false, error: apiError(error.response, error.data) };
			const cause = isNetworkError(error) ? error.cause : error;
			if ((reading || cause === fetchFailure) && isNetworkFailure(cause)) return { ok: false, error: new ConnectionError(summarize(cause, scrub)) };
			const message = cause instanceof Error ? scrub(String(cause.message)) : 'a non-Error was thrown';
			return { ok: false, error: new UnexpectedError(message, summarize(cause, scrub)) };
		}
	};

	const parse = async (response: Response): Promise<Result<T>> => {
		const text = await readBody(response, config.maxResponseBytes, signal, !config.fetch && !config.hooks);
		const { status } = response;
		if (typeof text !== 'string') return { ok: false, error: new ResponseValidationError(text.refused, status, '') };
		let data: unknown;
		try {
			data = parseJSON(text, scrub);
		} catch {
			return { ok: false, error: new ResponseValidationError('body is not JSON', status, scrub(text)) };
		}
		const parsed = v.safeParse(op.output, data);
		if (!parsed.success) {
			const issues = toIssues(parsed.issues, 'body', [], 'field', false).map(({ path, message }) => ({ path, message: scrub(message) }));
			return { ok: false, error: new ResponseValidationError(`body does not match the model at ${issues[0]?.path}`, status, scrub(text), issues) };
		}
		const headers = plainHeaders(response.headers, scrub, scrubber((key ?? '').toLowerCase()));
		return { ok: true, value: parsed.output, response: { status, headers, traceId: headers['x-clerk-trace-id'] } };
	};

	const apiError = (response: Response, data: unknown): ClerkAPIError => {
		const text = typeof data === 'string' ? data : '';
		const headers = plainHeaders(response.headers, scrub, scrubber((key ?? '').toLowerCase()));
		let body: { errors?: unknown; clerk_trace_id?: unknown } | undefined;
		try {
			body = parseJSON(text, scrub) as typeof body;
		} catch {
			// A proxy's HTML page: no Clerk errors, the status and raw body still tell.
		}
		const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
		// Clerk's error shape (spec: components.schemas.ClerkErrors), read leniently.
		const errors: ClerkErrorDetail[] = (Array.isArray(body?.errors) ? body.errors : []).flatMap((e: Record<string, unknown>) =>
			isObject(e) && str(e.code) !== undefined && str(e.message) !== undefined
				? [{ code: e.code as string, message: e.message as string, longMessage: str(e.long_message), meta: isObject(e.meta) ? e.meta : undefined }]
				: [],
		);
		const wait = retryAfterMs(response.headers);
		return new ClerkAPIError({
			status: response.status,
			errors,
			clerkTraceId: str(body?.clerk_trace_id) ?? headers['x-clerk-trace-id'] ?? headers['cf-ray'],
			retryAfter: wait === undefined ? undefined : Math.ceil(wait / 1000),
			body: scrub(text),
			headers,
			...op.explain?.(errors),
		});
	};

	let stop = () => {};
	const stopped = new Promise<undefined>((resolve) => {
		stop = () => resolve(undefined);
	});
	if (signal.aborted) stop();
	else signal.addEventListener('abort', stop, { once: true });
	try {
		const result: Result<T> = (await Promise.race([work(), stopped])) ?? {
			ok: false,
			error:
				signal.reason === DEADLINE
					? new TimeoutError(timeoutMs)
					: // The caller's reason, as a scrubbed copy (its name and code only if the key never arrived).
						new AbortedError(summarize(signal.reason, key === undefined ? withhold : scrub)),
		};
		emit?.({
			type: 'outcome',
			outcome: result.ok ? 'ok' : result.error.kind,
			status,
			code: result.ok || result.error.kind !== 'api' ? undefined : result.error.errors[0]?.code,
			attempts,
			durationMs: Date.now() - started,
			traceId: traceId && scrub(traceId),
		});
		return result;
	} finally {
		clearTimeout(timer);
		signal.removeEventListener('abort', stop);
		caller?.removeEventListener('abort', forward);
	}
}

// A fetch that ignores its signal (a proxy-style `fetch(req.url, { method, headers, body })`)
// still ends the attempt when the call does.
function race<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const abort = () => reject(signal.reason);
		signal.addEventListener('abort', abort, { once: true });
		promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
	});
}

// Why an attempt failed, for the retry event: the network error's code, down its cause chain, or
// its name.
function reasonOf(error: unknown, scrub: Scrub): string {
	try {
		const { code, cause, name } = error as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
		return scrub(String(code ?? cause?.code ?? name ?? 'network error'));
	} catch {
		return 'network error';
	}
}

// Escapes (`\u0073`, `\/`) could spell the key in a way no text scrub sees; re-serialized, a body
// holds only the forms `scrub` knows. Bodies without a backslash cannot hide one.
function parseJSON(text: string, scrub: Scrub): unknown {
	return JSON.parse(scrub(text.includes('\\') ? JSON.stringify(JSON.parse(text)) : text));
}
