import * as v from 'valibot';
import type { Hooks } from 'ky';
import type { RetryOption } from './retry.js';

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

// setTimeout's ceiling (a signed 32-bit int of ms); see ky's `maxSafeTimeout`.
const MAX_TIMER_MS = 2_147_483_647;

const milliseconds = (min: number) =>
	v.pipe(
		v.number('must be a number'),
		v.finite('must be finite'),
		v.minValue(min, `must be at least ${min} ms`),
		v.maxValue(MAX_TIMER_MS, `must be at most ${MAX_TIMER_MS} ms`),
	);

const TimeoutSchema = milliseconds(1);

const LimitSchema = v.pipe(
	v.number('must be a number'),
	v.safeInteger('must be an integer'),
	v.minValue(0, 'must not be negative'),
	v.maxValue(100, 'must be at most 100'),
);

const RetrySchema = v.union(
	[
		LimitSchema,
		v.object({
			limit: v.optional(LimitSchema),
			statusCodes: v.optional(
				v.array(v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)), 'must be an array'),
			),
			networkErrors: v.optional(v.picklist(['any', 'unsent', 'none'], 'must be "any", "unsent" or "none"')),
			maxRetryAfter: v.optional(milliseconds(0)),
			backoffLimit: v.optional(milliseconds(0)),
			delay: v.optional(v.custom<(attempt: number) => number>((input) => typeof input === 'function', 'must be a function')),
			jitter: v.optional(v.boolean('must be a boolean')),
		}),
	],
	'must be a retry limit or a retry policy',
);

const HeadersSchema = v.pipe(
	v.custom<HeadersInit>((input) => typeof input === 'object' && input !== null, 'must be a headers object'),
	v.rawTransform(({ dataset, addIssue, NEVER }) => {
		try {
			return Object.fromEntries(new Headers(dataset.value)) as Record<string, string>;
		} catch {
			addIssue({ message: 'must hold valid header names and values' });
			return NEVER;
		}
	}),
);

const isSignal = (input: unknown) =>
	typeof input === 'object' && input !== null && typeof (input as AbortSignal).aborted === 'boolean' &&
	typeof (input as AbortSignal).addEventListener === 'function';

const common = {
	timeoutMs: v.optional(TimeoutSchema),
	retry: v.optional(RetrySchema),
	headers: v.optional(HeadersSchema),
};

/** Validates a call's options and normalizes its headers. */
export const RequestOptionsSchema = v.optional(
	v.object(
		{ ...common, signal: v.optional(v.custom<AbortSignal>(isSignal, 'must be an AbortSignal')) },
		'must be an object',
	),
	{},
);

const parseURL = (input: string) => {
	try {
		return new URL(input);
	} catch {
		return undefined;
	}
};

const isLoopback = (hostname: string) =>
	hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);

/** Validates `ClerkCore`'s config, normalizing the URL and headers. */
export const ConfigSchema = v.optional(
	v.object(
		{
			...common,
			secretKey: v.optional(
				v.union([v.string(), v.function()], 'must be a string or a function returning one'),
			),
			serverURL: v.optional(
				v.pipe(
					v.string('must be a string'),
					v.rawTransform(({ dataset, addIssue, NEVER }) => {
						const url = parseURL(dataset.value);
						if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
							addIssue({ message: 'must be an http(s) URL' });
						} else if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
							addIssue({ message: 'must use https: unless its host is loopback, so the key is never sent in clear text' });
						} else if (url.search || url.hash || url.username || url.password) {
							addIssue({ message: 'must not carry a query, fragment or credentials' });
						} else {
							return url.href.replace(/\/+$/, '');
						}
						return NEVER;
					}),
				),
			),
			apiVersion: v.optional(v.pipe(v.string('must be a string'), v.regex(/^[\w.-]+$/, 'must be a version like 2026-05-12'))),
			fetch: v.optional(v.function('must be a function')),
			hooks: v.optional(v.custom<Hooks>((input) => typeof input === 'object' && input !== null, 'must be an object')),
			maxResponseBytes: v.optional(
				v.pipe(v.number('must be a number'), v.safeInteger('must be an integer'), v.minValue(1, 'must be at least 1')),
			),
		},
		'must be an object',
	),
	{},
);
