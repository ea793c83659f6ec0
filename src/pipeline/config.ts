// A core's config and a call's options: the schemas that check them, with the defaults they
// apply, and the one place a core's resolved config is kept — outside the core object, so no
// reference to a core exposes it (secret key included) to `util.inspect`, `JSON.stringify` or a
// debugger's view. Written only by `configure` (the `ClerkCore` constructor); read by the stages.
import * as v from 'valibot';
import type { Assert, Equal } from '../lib/equal.ts';
import { MAX_TIMER_MS, custom, isFunction, isObject, typed } from '../lib/checks.ts';
import { isOption } from '../lib/option.ts';
import { trimSlashes } from '../lib/trimSlashes.ts';
import { isLoopback } from '../lib/url.ts';
import { validate } from '../lib/validate.ts';
import type { Issue } from '../lib/validate.ts';
import type { SecretKeySource } from './options.ts';
import type { BudgetOption, CallOptions, ExtraOption, LoggerOption, PolicyOption, ResolvedConfig, TransportOption } from './types.ts';

/** The deadline of a call: a whole number of ms a timer can hold. */
export const Timeout = typed<number>('number', (ms) => ms >= 1 && ms <= MAX_TIMER_MS, `must be 1 to ${MAX_TIMER_MS} ms`);

// Headers as a record of lower-cased names, or `undefined` for what the Headers constructor refuses.
function headersOf(input: HeadersInit): Record<string, string> | undefined {
	try {
		return Object.fromEntries(new Headers(input));
	} catch {
		return undefined;
	}
}

/** Whether a value is a retry limit: a whole number from 0 to 100. */
const isLimit = (input: unknown): boolean => Number.isInteger(input) && (input as number) >= 0 && (input as number) <= 100;

// An option made by its own module: the message names the function that makes it, so the old
// spelling (a plain function or object) is told what to write instead (each function is its own
// entry: `events()` is `clerk-sign-in-tokens/events`).
const option = <T>(kind: string, made: string) => custom<T>(isOption(kind), `must be made by ${made}`);

// The fields a core and a call share: `timeoutMs`, `retry` and `headers` (normalized once, after
// the check, to a record of lower-cased names).
const commonFields = {
	timeoutMs: v.optional(Timeout),
	retry: v.optional(
		v.custom<number | PolicyOption>(
			(input) => (typeof input === 'number' ? isLimit(input) : isOption('retry')(input) && !(input as PolicyOption).issue),
			(issue) => (issue.input as PolicyOption | undefined)?.issue ?? 'must be a limit 0 to 100, or made by policy()',
		),
	),
	headers: custom<HeadersInit>((input) => isObject(input) && headersOf(input as HeadersInit) !== undefined, 'must hold valid header names and values'),
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
		extraBody: option<ExtraOption>('extra', 'extra()'),
	},
	'must be an object',
);

// The checked options are the resolved ones but for their headers, which `checkOptions` normalizes.
type _CallTied = Assert<Equal<Omit<v.InferOutput<typeof CallOptionsSchema>, 'headers'>, Omit<CallOptions, 'headers'>>>;

/**
 * Checks a call's options, and normalizes their headers to a record of lower-cased names.
 *
 * @param options The options, as the caller passed them.
 * @param name What they are called in an issue's path (`options`, `options.callOptions`).
 * @returns The options, or every issue found.
 */
export function checkOptions(options: unknown, name: string): { value: CallOptions } | { issues: Issue[] } {
	const checked = validate(CallOptionsSchema, options, name);
	return 'issues' in checked ? checked : { value: withHeaders(checked.value) as CallOptions };
}

// A checked object's headers as a record (valibot's output is a fresh object, so it is ours to set).
const withHeaders = <T extends { headers?: unknown }>(value: T): T => {
	if (value.headers !== undefined) value.headers = headersOf(value.headers as HeadersInit);
	return value;
};

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
			typed<string>('string', isServerURL, 'must be an https URL (http only on loopback), without query, fragment or credentials'),
			'https://api.clerk.com/v1',
		),
		apiVersion: v.optional(
			typed<string>('string', (s) => /^\d{4}-\d\d-\d\d$/.test(s), 'must be a dated version like 2026-05-12 (the /v1 belongs in serverURL)'),
			'2026-05-12',
		),
		timeoutMs: v.optional(Timeout, 10_000),
		maxResponseBytes: v.optional(
			typed<number>('number', (n) => Number.isInteger(n) && n >= 1, 'must be a whole number of bytes, at least 1'),
			1_048_576,
		),
		dangerouslyAllowBrowser: custom<boolean>((input) => typeof input === 'boolean', 'must be a boolean'),
		logger: option<LoggerOption>('logger', 'events() or openTelemetry()'),
		transport: option<TransportOption>('transport', 'transport()'),
		budget: option<BudgetOption>('budget', 'budget(), redisBudget() or durableObjectBudget()'),
	},
	'must be a plain object',
);

type _ConfigTied = Assert<Equal<Omit<v.InferOutput<typeof ConfigSchema>, 'headers'>, Omit<ResolvedConfig, 'headers'>>>;

const configs = new WeakMap<object, ResolvedConfig>();

/**
 * Checks a core's config and keeps it for the core.
 *
 * @param core The core being made.
 * @param config Its config, as the caller passed it.
 * @returns Every issue found; none when the config was kept.
 */
export function configure(core: object, config: unknown): Issue[] {
	// A class instance is not a config: a core from another copy of this package would otherwise
	// read as an empty config, and silently fall back to the defaults.
	const proto: unknown = isObject(config) && Object.getPrototypeOf(config);
	const parsed =
		proto === false || proto === null || Object.getPrototypeOf(proto) === null
			? validate(ConfigSchema, config ?? {}, 'config')
			: { issues: [{ path: 'config', message: "must be a plain object, not a class instance (another copy's core?)" }] };
	if ('issues' in parsed) return parsed.issues;
	const resolved = withHeaders(parsed.value) as ResolvedConfig;
	resolved.serverURL = trimSlashes(resolved.serverURL);
	configs.set(core, resolved);
	return [];
}

/**
 * The resolved config of a core made by this copy of the package.
 *
 * @param core Anything a caller passed as a core.
 * @returns Its config, or `undefined` for anything else (another copy's core, a plain object).
 */
export const configOf = (core: unknown): ResolvedConfig | undefined => configs.get(core as object);
