import ky, { isHTTPError, isNetworkError } from 'ky';
import * as v from 'valibot';
import { ClerkErrorsSchema } from '../models/clerkErrors.ts';
import { plainHeaders, readText } from './body.ts';
import { configOf } from './config.ts';
import type { ResolvedConfig } from './config.ts';
import { AbortedError } from './errors/AbortedError.ts';
import { ClerkAPIError } from './errors/ClerkAPIError.ts';
import { ConnectionError } from './errors/ConnectionError.ts';
import { InvalidRequestError } from './errors/InvalidRequestError.ts';
import type { InputIssue } from './errors/InvalidRequestError.ts';
import type { OperationError } from './errors/OperationError.ts';
import { ResponseValidationError } from './errors/ResponseValidationError.ts';
import { TimeoutError } from './errors/TimeoutError.ts';
import { UnexpectedError } from './errors/UnexpectedError.ts';
import { toInputIssues } from './issues.ts';
import { RequestOptionsSchema } from './options.ts';
import { redact, safeCause } from './redact.ts';
import { err } from './result.ts';
import type { ApiResult } from './result.ts';
import { resolveRetry, retryAfterMs, toKyRetry } from './retry.ts';
import type { RetryPolicy } from './retry.ts';
import { resolveSecretKey } from './secretKey.ts';
import { VERSION } from './version.ts';

/** What an operation is, as data: everything that differs between two operations. */
export interface Operation<I, T> {
	/** Validates the caller's input and maps it to what `describe` needs. */
	input: v.GenericSchema<unknown, I>;
	/** The request for a valid input: its path below `serverURL` (encoded) and its JSON body. */
	describe: (input: I) => { path: string; json?: unknown };
	/** Parses a 2xx body; every non-2xx status is a `ClerkAPIError`. */
	output: v.GenericSchema<unknown, T>;
	/** The default retry policy, before the core's and the call's settings. */
	retry: RetryPolicy;
}

/**
 * Runs one operation: validate, resolve the key, send through ky, and map every outcome to
 * exactly one typed result. It never rejects.
 *
 * @param core The caller's `ClerkCore`.
 * @param operation The operation.
 * @param request The caller's input.
 * @param options The caller's per-call options.
 * @returns The parsed value with its `HttpMeta`, or one typed error.
 */
export async function send<I, T>(
	core: unknown,
	operation: Operation<I, T>,
	request: unknown,
	options: unknown,
): Promise<ApiResult<T, OperationError>> {
	try {
		return await run(core, operation, request, options);
	} catch {
		// Unreachable by design; kept so that even a bug here resolves instead of rejecting.
		return err(new UnexpectedError('pipeline failed'));
	}
}

async function run<I, T>(
	core: unknown,
	operation: Operation<I, T>,
	request: unknown,
	options: unknown,
): Promise<ApiResult<T, OperationError>> {
	const issues: InputIssue[] = [];
	const config = configOf(core);
	if (!config) issues.push({ path: 'core', message: 'must be a ClerkCore' });
	const input = parse(operation.input, request, 'request', issues, false);
	const call = parse(RequestOptionsSchema, options, 'options', issues)?.value;
	if (!config || !input || !call) return err(new InvalidRequestError(issues));
	if (call.signal?.aborted) return err(new AbortedError(call.signal.reason));

	const key = await resolveSecretKey(config.secretKey, config.dangerouslyAllowBrowser);
	if (typeof key !== 'string') return err(key);

	const timeoutMs = call.timeoutMs ?? config.timeoutMs;
	const policy = resolveRetry(operation.retry, config.retry, call.retry);
	const { path, json } = operation.describe(input.value);

	// One controller bounds the whole call — connect, retries' sleeps and our capped body read —
	// where ky's own timeouts stop at the Response. The caller's signal feeds it too.
	const controller = new AbortController();
	const caller = call.signal;
	const forward = () => controller.abort(caller?.reason);
	caller?.addEventListener('abort', forward, { once: true });
	const deadline = Date.now() + timeoutMs;
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	let fetchFailure: unknown;
	let reading = false;
	try {
		const response: unknown = await ky(`${config.serverURL}/${path}`, {
			method: 'post',
			headers: {
				'user-agent': `clerk-sign-in-tokens/${VERSION}`,
				...config.headers,
				...call.headers,
				authorization: `Bearer ${key}`,
				accept: 'application/json',
				'clerk-api-version': config.apiVersion,
				...(json === undefined ? {} : { 'content-type': 'application/json' }),
			},
			...(json === undefined ? {} : { json }),
			signal: controller.signal,
			timeout: false,
			// A redirect would carry the key to another origin; Clerk's API never redirects.
			redirect: 'manual',
			retry: toKyRetry(policy, () => deadline - Date.now(), (error) => error === fetchFailure),
			// Keep error bodies as raw text; we parse them ourselves.
			parseJson: (text) => text,
			fetch: async (resource, init) => {
				// Called without a receiver: Workers throw "Illegal invocation" when their fetch is
				// called as a method of another object, such as our config.
				const { fetch } = config;
				try {
					return await fetch(resource as Request, init);
				} catch (error) {
					fetchFailure = error;
					throw error;
				}
			},
			...(config.hooks ? { hooks: config.hooks } : {}),
		});
		// By tag, not instanceof: a custom fetch (undici's, a polyfill's) may build another realm's Response.
		if (Object.prototype.toString.call(response) !== '[object Response]') {
			return err(new UnexpectedError('fetch gave no Response'));
		}
		reading = true;
		return await parseResponse(response as Response, operation.output, config, key);
	} catch (error) {
		if (isHTTPError(error)) return err(toAPIError(error.response, error.data, config, key));
		if (caller?.aborted) return err(new AbortedError(caller.reason));
		if (controller.signal.aborted) return err(new TimeoutError(timeoutMs));
		const cause = isNetworkError(error) ? error.cause : error;
		// The platform reports a failed connection, before or during the body, as a TypeError.
		if ((reading || (cause !== undefined && cause === fetchFailure)) && cause instanceof TypeError) {
			return err(new ConnectionError(safeCause(cause, key)));
		}
		return err(unexpected(cause, key));
	} finally {
		clearTimeout(timer);
		caller?.removeEventListener('abort', forward);
	}
}

async function parseResponse<T>(
	response: Response,
	schema: v.GenericSchema<unknown, T>,
	config: ResolvedConfig,
	key: string,
): Promise<ApiResult<T, OperationError>> {
	const { status } = response;
	const text = await readText(response, config.maxResponseBytes);
	if (typeof text !== 'string') return err(new ResponseValidationError(text.refused, status, ''));
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return err(new ResponseValidationError('body is not JSON', status, redact(text, key)));
	}
	const parsed = v.safeParse(schema, data);
	if (!parsed.success) {
		const issues = toInputIssues(parsed.issues, 'body', false);
		return err(new ResponseValidationError(`body does not match the model at ${issues[0]?.path}`, status, redact(text, key), issues));
	}
	return { ok: true, value: parsed.output, response: { status, headers: plainHeaders(response.headers, key) } };
}

function toAPIError(response: Response, data: unknown, config: ResolvedConfig, key: string): ClerkAPIError {
	const text = typeof data === 'string' ? data : '';
	const headers = plainHeaders(response.headers, key);
	const shaped = v.safeParse(ClerkErrorsSchema, tryJSON(text, key));
	const wait = retryAfterMs(response.headers.get('retry-after'));
	return new ClerkAPIError({
		status: response.status,
		errors: shaped.success ? shaped.output.errors : [],
		clerkTraceId: (shaped.success ? shaped.output.clerk_trace_id : undefined) ?? headers['cf-ray'],
		retryAfter: wait === undefined ? undefined : Math.ceil(wait / 1000),
		body: redact(text, key).slice(0, config.maxResponseBytes),
		headers,
	});
}

// A hook or custom fetch may throw an error that quotes the request, key included: keep the key
// out of our message and never hand over a cause that would show it.
function unexpected(cause: unknown, key: string): UnexpectedError {
	const message = cause instanceof Error ? redact(cause.message, key) : 'a non-Error was thrown';
	return new UnexpectedError(message, safeCause(cause, key));
}

// Redacts inside the parsed strings too: a key holding `"` or `\\` is escaped in the raw text.
function tryJSON(text: string, key: string): unknown {
	try {
		return JSON.parse(text, (_, value: unknown) => (typeof value === 'string' ? redact(value, key) : value));
	} catch {
		return undefined;
	}
}

// valibot runs getters and proxy traps of the input; one that throws is refused, not rethrown.
function parse<S extends v.GenericSchema>(
	schema: S,
	value: unknown,
	name: string,
	issues: InputIssue[],
	prefixed = true,
): { value: v.InferOutput<S> } | undefined {
	try {
		const parsed = v.safeParse(schema, value, { abortPipeEarly: true });
		if (parsed.success) return { value: parsed.output };
		issues.push(...toInputIssues(parsed.issues, name, prefixed));
	} catch {
		issues.push({ path: name, message: 'could not be read' });
	}
	return undefined;
}
