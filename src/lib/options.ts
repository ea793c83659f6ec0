import * as v from 'valibot';
import type { Hooks } from 'ky';
import type { RetryOption } from './retry.ts';

/** A `fetch` implementation: the platform's, a proxy's, or a test double. */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/** Options of one call, each overriding the core's setting for that call only. */
export interface RequestOptions {
	/** Aborts the call; it then resolves to an `AbortedError`. */
	signal?: AbortSignal | undefined;
	/** Deadline of the whole call, retries and body read included, in ms. */
	timeoutMs?: number | undefined;
	/** Widens, narrows (`0`) or replaces the operation's retry policy. */
	retry?: RetryOption | undefined;
	/** Extra request headers. They cannot replace `Authorization`, `Accept`, `Content-Type` or `Clerk-API-Version`. */
	headers?: HeadersInit | undefined;
}

// These schemas reuse the few valibot functions the models already pull in (object, optional,
// pipe, number, string, check, custom, transform), so validating options costs a bundle almost
// nothing beyond the predicates below.

// setTimeout's ceiling (a signed 32-bit int of ms); see ky's `maxSafeTimeout`.
const MAX_TIMER_MS = 2_147_483_647;

const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null;
const isFunction = (input: unknown) => typeof input === 'function';
const isMs = (input: unknown) => typeof input === 'number' && input >= 0 && input <= MAX_TIMER_MS;
const isLimit = (input: unknown) => Number.isInteger(input) && (input as number) >= 0 && (input as number) <= 100;

const retryFields: Record<string, (input: unknown) => boolean> = {
	limit: isLimit,
	statusCodes: (input) => Array.isArray(input) && input.every((s) => Number.isInteger(s) && s >= 400 && s <= 599),
	networkErrors: (input) => input === 'any' || input === 'unsent' || input === 'none',
	maxRetryAfter: isMs,
	backoffLimit: isMs,
	delay: isFunction,
	jitter: (input) => typeof input === 'boolean',
};

const HEADERS_RULE = 'must hold valid header names and values';

const optional = <T>(check: (input: unknown) => boolean, message: string) =>
	v.optional(v.custom<T>(check, message));

const common = {
	timeoutMs: v.optional(
		v.pipe(
			v.number('must be a number'),
			v.check((ms) => ms >= 1 && isMs(ms), `must be from 1 to ${MAX_TIMER_MS} ms`),
		),
	),
	retry: optional<RetryOption>(
		(input) =>
			typeof input === 'number'
				? isLimit(input)
				: isObject(input) && Object.keys(retryFields).every((key) => input[key] === undefined || retryFields[key]?.(input[key])),
		'must be a retry limit from 0 to 100 or a valid retry policy',
	),
	// Normalized once: an object whose names or values the Headers constructor refuses comes out
	// undefined, and the check after the transform turns that into the issue.
	headers: v.optional(
		v.pipe(
			v.custom<HeadersInit>(isObject, HEADERS_RULE),
			// Typed as the record it is once the check has passed.
			v.transform((input: HeadersInit) => headersOf(input) as Record<string, string>),
			v.check((headers) => headers !== undefined, HEADERS_RULE),
		),
	),
};

/** Validates a call's options and normalizes its headers. */
export const RequestOptionsSchema = v.optional(
	v.object({ ...common, signal: optional<AbortSignal>(isSignal, 'must be an AbortSignal') }, 'must be an object'),
	{},
);

// The key must never travel in clear text: http: only for loopback (localhost, 127.0.0.0/8, [::1]).
// A query, fragment or credentials would be mangled by joining paths, so they are refused too.
const SERVER_URL_RULE = 'must be an https: URL (http: only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials';

/** Validates `ClerkCore`'s config, normalizing the URL and headers. */
export const ConfigSchema = v.optional(
	v.object(
		{
			...common,
			secretKey: optional<string | (() => string | Promise<string>)>(
				(input) => typeof input === 'string' || isFunction(input),
				'must be a string or a function returning one',
			),
			serverURL: v.optional(v.pipe(v.string('must be a string'), v.check(isServerURL, SERVER_URL_RULE), v.transform((url) => url.replace(/\/+$/, '')))),
			apiVersion: v.optional(v.pipe(v.string('must be a string'), v.check((s) => /^[\w.-]+$/.test(s), 'must be a version like 2026-05-12'))),
			fetch: optional<FetchLike>(isFunction, 'must be a function'),
			hooks: optional<Hooks>(isObject, 'must be an object'),
			dangerouslyAllowBrowser: optional<boolean>((input) => typeof input === 'boolean', 'must be a boolean'),
			maxResponseBytes: v.optional(v.pipe(v.number('must be a number'), v.check((n) => Number.isInteger(n) && n >= 1, 'must be a whole number of bytes, at least 1'))),
		},
		'must be an object',
	),
	{},
);

function isSignal(input: unknown): boolean {
	return isObject(input) && typeof input.aborted === 'boolean' && isFunction(input.addEventListener);
}

function headersOf(input: unknown): Record<string, string> | undefined {
	try {
		return Object.fromEntries(new Headers(input as HeadersInit));
	} catch {
		return undefined;
	}
}

// See SERVER_URL_RULE.
function isServerURL(input: string): boolean {
	let url: URL;
	try {
		url = new URL(input);
	} catch {
		return false;
	}
	const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
	return (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) && !(url.search || url.hash || url.username || url.password);
}
