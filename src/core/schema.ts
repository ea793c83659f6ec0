// The schemas of `clerk-sign-in-tokens/core`: a core's config and a call's options, with the
// defaults they apply and the resolved forms the pipeline reads. Each is tied to its public type
// (types.ts) at compile time, so a field added to one side alone fails `tsc`.
import * as v from 'valibot';
import type { Assert, Equal } from '../lib/equal.ts';
import { MAX_TIMER_MS, custom, isFunction, isObject } from '../lib/checks.ts';
import { trimSlashes } from '../lib/trimSlashes.ts';
import { isLoopback } from '../lib/url.ts';
import { RETRY_FIELDS, isLimit } from './retry.ts';
import type { RetryOption } from './retry.ts';
import type { ClerkBudget, ClerkCoreConfig, FetchLike, Hooks, Logger, RequestOptions, SecretKeySource } from './types.ts';

/** The deadline of a call: a whole number of ms a timer can hold. */
export const Timeout = v.pipe(
	v.number('must be a number'),
	v.check((ms) => ms >= 1 && ms <= MAX_TIMER_MS, `must be 1 to ${MAX_TIMER_MS} ms`),
);

const HEADERS_RULE = 'must hold valid header names and values';

// The fields a core and a call share: `timeoutMs`, `retry` and `headers` (normalized once to a
// record of lower-cased names).
const commonFields = {
	timeoutMs: v.optional(Timeout),
	retry: custom<RetryOption>(
		(input) =>
			typeof input === 'number'
				? isLimit(input)
				: isObject(input) &&
					Object.entries(input).every(
						([key, value]) => value === undefined || (Object.hasOwn(RETRY_FIELDS, key) && RETRY_FIELDS[key as keyof typeof RETRY_FIELDS](value)),
					),
		`must be a limit 0 to 100, or a policy of ${Object.keys(RETRY_FIELDS).join(', ')}`,
	),
	headers: v.optional(
		v.pipe(
			v.custom<HeadersInit>(isObject, HEADERS_RULE),
			// A value the Headers constructor refuses comes out undefined, which the check refuses.
			v.transform((input) => {
				try {
					return Object.fromEntries(new Headers(input));
				} catch {
					return undefined;
				}
			}),
			v.check((headers): headers is Record<string, string> => headers !== undefined, HEADERS_RULE),
		),
	),
};

/**
 * The per-call options every operation takes (`RequestOptions`), as checked before a call.
 *
 * @internal
 */
export const CallOptionsSchema = v.object(
	{
		...commonFields,
		signal: custom<AbortSignal>(
			(input) => isObject(input) && typeof input.aborted === 'boolean' && isFunction(input.addEventListener),
			'must be an AbortSignal',
		),
		extraBody: v.optional(
			v.custom<Record<string, unknown>>(
				(input) => jsonIssue(input) === undefined,
				(issue) => jsonIssue(issue.input) ?? '',
			),
		),
	},
	'must be an object',
);

// Why a value is not plain JSON data (the body it goes into is JSON), or `undefined`: names what
// it holds, never quotes it. JSON.stringify walks it: the replacer sees each value as held (`this[key]`,
// before a Date's toJSON), a cycle is its TypeError, nesting too deep for the stack its RangeError;
// the count bounds the walk (a few shared objects can stand for millions of values).
function jsonIssue(body: unknown): string | undefined {
	if (typeof body !== 'object' || !body || Array.isArray(body)) return 'must be an object of body fields';
	let count = 0;
	try {
		JSON.stringify(body, function (this: Record<string, unknown>, key, value) {
			const held = this[key];
			if (++count > 1e4) throw 'holds over 10000 values, too many to send';
			const issue =
				typeof held === 'number'
					? !Number.isFinite(held) && 'NaN or Infinity'
					: typeof held !== 'object'
						? !['string', 'boolean'].includes(typeof held) && typeof held
						: !!held && !Array.isArray(held) && ![Object.prototype, null].includes(Object.getPrototypeOf(held)) && 'a Date, a Map or a class instance';
			if (issue) throw `holds ${issue}: only plain JSON data can be sent`;
			return value;
		});
	} catch (error) {
		if (typeof error === 'string') return error;
		if (error instanceof RangeError) return 'nests objects too deep to send';
		if (error instanceof TypeError) return 'holds a cycle: only plain JSON data can be sent';
		throw error;
	}
}

type _CallTied = Assert<Equal<v.InferInput<typeof CallOptionsSchema>, RequestOptions>>;

/**
 * A call's options as checked: headers normalized to lower-cased names.
 *
 * @internal
 */
export type CallOptions = v.InferOutput<typeof CallOptionsSchema>;

const HOOKS = ['beforeRequest', 'beforeRetry', 'afterResponse'];

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

/**
 * A core's config, as `new ClerkCore` checks it.
 *
 * @internal
 */
export const ConfigSchema = v.object(
	{
		...commonFields,
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
		budget: custom<ClerkBudget>(
			(input) => isObject(input) && isFunction(input.take) && isFunction(input.pause),
			'must be a budget: { take(scope, signal), pause(scope, ms) }',
		),
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
