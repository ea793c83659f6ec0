// The outcome stage: what ky resolved or threw, as exactly one typed result — a 2xx body as the
// operation's value, any other status as a `ClerkAPIError`, a network failure as a
// `ConnectionError`, anything else as an `UnexpectedError`. Nothing foreign is handed back: texts
// are scrubbed, causes rebuilt.
import { isHTTPError, isNetworkError } from 'ky';
import * as v from 'valibot';
import { ClerkAPIError } from '../errors/ClerkAPIError.ts';
import type { ClerkErrorDetail } from '../errors/ClerkAPIError.ts';
import { ConnectionError } from '../errors/ConnectionError.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { ResponseValidationError } from '../errors/ResponseValidationError.ts';
import { UnexpectedError } from '../errors/UnexpectedError.ts';
import { isObject } from '../lib/checks.ts';
import { retryAfterMs } from '../lib/retryAfter.ts';
import { plainHeaders, scrubber, summarize } from '../lib/scrub.ts';
import { dotPath } from '../lib/validate.ts';
import type { Scrub } from '../lib/scrub.ts';
import type { ApiResult, Err, HttpMeta } from '../result.ts';
import { err } from '../result.ts';
import { readBody } from './body.ts';
import type { Call } from './types.ts';

/**
 * A 2xx response as the operation's value: its body read (capped, UTF-8), parsed as JSON and
 * checked against the model.
 *
 * @param call The call.
 * @param answer What ky resolved to: the response (a hook may end a call with none).
 * @param platform Whether the response came straight from the platform's fetch (see `readBody`).
 * @returns The value with its `HttpMeta`, or a `ResponseValidationError` (an `UnexpectedError`
 *   when there is no response).
 */
export async function success<I, T>(call: Call<I, T>, answer: unknown, platform: boolean): Promise<ApiResult<T, OperationError>> {
	// ky resolves to nothing when a transport's beforeRetry hook returns `ky.stop`.
	if (!answer) return err(new UnexpectedError('a hook ended the call without a response'));
	const response = answer as Response;
	call.reading = true;
	const text = await readBody(response, call.config.maxResponseBytes, call.signal, platform);
	if (typeof text !== 'string') return err(new ResponseValidationError(text.refused, response.status, ''));
	let data: unknown;
	try {
		data = parseJSON(text, call.scrub);
	} catch {
		return err(new ResponseValidationError('body is not JSON', response.status, call.scrub(text)));
	}
	const parsed = v.safeParse(call.op.output, data);
	if (!parsed.success) {
		const issues = parsed.issues.map((issue) => ({ path: dotPath(issue) || 'body', message: call.scrub(issue.message) }));
		return err(new ResponseValidationError(`body does not match the model at ${issues[0]?.path}`, response.status, call.scrub(text), issues));
	}
	const headers = headersOf(call, response);
	// Fields Clerk added that the model does not know yet, reachable without a release (scrubbed: the
	// body was parsed from scrubbed text).
	const meta: HttpMeta = { status: response.status, headers, traceId: headers['x-clerk-trace-id'] ?? headers['cf-ray'] };
	// Built by fromEntries, not assignment: a `"__proto__"` field is a plain field, not the object's
	// prototype. (Collected only when there is one: most bodies have none, and allocate nothing.)
	let extra: [string, unknown][] | undefined;
	for (const field in data as object) if (!call.op.fields.includes(field)) (extra ??= []).push([field, (data as Record<string, unknown>)[field]]);
	if (extra) meta.extra = Object.fromEntries(extra);
	// The same trace id an error would carry, from the headers a success has.
	return { ok: true, value: call.op.value(parsed.output as never), response: meta };
}

/**
 * What ended a call that did not succeed, as one typed error.
 *
 * @param call The call.
 * @param error What ky or an attempt threw.
 * @returns The failure.
 */
export function failure<I, T>(call: Call<I, T>, error: unknown): Err<OperationError> {
	if (isHTTPError(error)) return err(apiError(call, error.response, typeof error.data === 'string' ? error.data : ''));
	const cause = isNetworkError(error) ? error.cause : error;
	// What the platform reports a network failure as: a TypeError (Node, Deno, workerd), or an error
	// with a code (Bun's `ConnectionRefused`) — from fetch itself, or from the body mid-read.
	if ((call.reading || cause === call.fetchFailure) && ((cause as Error)?.name === 'TypeError' || typeof (cause as { code?: unknown })?.code === 'string')) {
		return err(new ConnectionError(summarize(cause, call.scrub)));
	}
	return err(new UnexpectedError(cause instanceof Error ? call.scrub(String(cause.message)) : 'a non-Error was thrown', summarize(cause, call.scrub)));
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/**
 * A non-2xx response as a `ClerkAPIError`: Clerk's error shape (spec: components.schemas.ClerkErrors)
 * read leniently, so a proxy's HTML page still gives its status and raw body.
 *
 * @param call The call.
 * @param response The response.
 * @param text Its body, already read and capped.
 * @returns The error.
 */
export function apiError<I, T>(call: Call<I, T>, response: Response, text: string): ClerkAPIError {
	let parsed: { errors?: unknown; clerk_trace_id?: unknown } | undefined;
	try {
		parsed = parseJSON(text, call.scrub) as typeof parsed;
	} catch {
		// Not JSON: no Clerk errors; the status and raw body still tell.
	}
	const errors: ClerkErrorDetail[] = (Array.isArray(parsed?.errors) ? parsed.errors : []).flatMap((e: Record<string, unknown>) =>
		str(e?.code) !== undefined && str(e.message) !== undefined
			? [{ code: e.code as string, message: e.message as string, longMessage: str(e.long_message), meta: isObject(e.meta) ? e.meta : undefined }]
			: [],
	);
	const headers = headersOf(call, response);
	// Read once, by the attempt; a response an afterResponse hook put in its place is read here.
	const wait = response === call.response ? call.retryAfterMs : retryAfterMs(response.headers);
	return new ClerkAPIError({
		status: response.status,
		errors,
		clerkTraceId: str(parsed?.clerk_trace_id) ?? headers['x-clerk-trace-id'] ?? headers['cf-ray'],
		retryAfter: wait === undefined ? undefined : Math.ceil(wait / 1000),
		body: call.scrub(text),
		headers,
		...call.op.explain?.(errors),
	});
}

// Response headers as a plain record, scrubbed, without any whose name holds the key.
const headersOf = <I, T>(call: Call<I, T>, response: Response) => plainHeaders(response.headers, call.scrub, scrubber((call.key as string).toLowerCase()));

// Escapes (`\u0073`, `\/`) could spell the key in a way no text scrub sees; re-serialized, a body
// holds only the forms `scrub` knows. Bodies without a backslash cannot hide one.
function parseJSON(text: string, scrub: Scrub): unknown {
	return JSON.parse(scrub(text.includes('\\') ? JSON.stringify(JSON.parse(text)) : text));
}
