// The wire fixtures every test shares: the key, Clerk's token and error bodies, and a recording
// fetch for unit tests that need a custom fetch's behaviour (nock stands in for the network when
// the platform fetch is under test; real sockets in tests/faults).
import { ClerkCore } from '../../src/core.ts';
import type { ClerkCoreConfig, Policy } from '../../src/core.ts';
import { policy } from '../../src/retry.ts';
import type { PolicyFields } from '../../src/retry.ts';
import { transport } from '../../src/transport.ts';
import type { FetchLike, Hooks } from '../../src/transport.ts';

export const ORIGIN = 'https://api.clerk.com';
export const KEY = 'sk_test_Zx9QwErTy1234567890SECRET';

/** A sign-in token as Clerk sends it (snake_case), per the spec's `SignInToken`. */
export const wireToken = {
	object: 'sign_in_token',
	id: 'sit_2abc',
	status: 'pending',
	user_id: 'user_123',
	token: 'eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzaXRfMmFiYyJ9.c2ln',
	url: 'https://example.clerk.accounts.dev/v1/tickets/accept?ticket=eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzaXRfMmFiYyJ9.c2ln',
	created_at: 1_767_225_600_000,
	updated_at: 1_767_225_600_000,
} as const;

/** The same token as this SDK returns it. */
export const token = {
	object: 'sign_in_token',
	id: 'sit_2abc',
	status: 'pending',
	userId: 'user_123',
	token: wireToken.token,
	url: wireToken.url,
	createdAt: 1_767_225_600_000,
	updatedAt: 1_767_225_600_000,
};

/** A Clerk error body, per the spec's `ClerkErrors`. */
export function clerkErrors(code: string, message: string, longMessage: string, meta?: Record<string, unknown>) {
	return { errors: [{ code, message, long_message: longMessage, ...(meta ? { meta } : {}) }], clerk_trace_id: 'trace_abc123' };
}

/** The headers every request must carry; `content-type` only with a body. */
export function protocolHeaders(withBody: boolean): Record<string, string> {
	return {
		authorization: `Bearer ${KEY}`,
		accept: 'application/json',
		'clerk-api-version': '2026-05-12',
		'user-agent': 'clerk-sign-in-tokens/0.1.0',
		...(withBody ? { 'content-type': 'application/json' } : {}),
	};
}

/** A request as a fetch received it. */
export interface Seen {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: string;
}

/**
 * A fetch that records every request and answers with the next of `answers` (a Response, or a
 * function making one; the last answer repeats).
 */
export function recorder(...answers: (Response | (() => Response | Promise<Response>))[]) {
	const seen: Seen[] = [];
	let next = 0;
	const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
		const request = new Request(input, init);
		const url = new URL(request.url);
		seen.push({ method: request.method, path: url.pathname + url.search, headers: Object.fromEntries(request.headers), body: await request.text() });
		const answer = answers[Math.min(next++, answers.length - 1)];
		return typeof answer === 'function' ? answer() : (answer as Response).clone();
	};
	return { fetch, seen };
}

/**
 * What the core helpers take: a core's config, with a transport's `fetch` and `hooks` written
 * flat, and `retry` as a limit, a policy or a policy's fields.
 */
export type TestConfig = Omit<ClerkCoreConfig, 'retry'> & { fetch?: FetchLike; hooks?: Hooks; retry?: number | Policy | PolicyFields };

/**
 * A core from a test's config: `fetch` and `hooks` become `transport({ fetch, hooks })`, and a
 * retry policy's fields `policy({ … })` — for tests about something else than those spellings.
 */
export function coreOf(config: TestConfig = {}): ClerkCore {
	const { retry, fetch, hooks, ...rest } = config;
	return new ClerkCore({
		...rest,
		...(fetch || hooks ? { transport: transport({ ...(fetch && { fetch }), ...(hooks && { hooks }) }) } : {}),
		...(retry === undefined
			? {}
			: { retry: typeof retry === 'number' || typeof retry === 'function' ? (retry as number | Policy) : policy(retry as PolicyFields) }),
	});
}

/** A core with the test key and no backoff wait, so retry tests do not sleep (see `coreOf`). */
export function testCore(config: Omit<TestConfig, 'retry'> & { retry?: number | PolicyFields } = {}): ClerkCore {
	const { retry } = config;
	return coreOf({ secretKey: KEY, ...config, retry: typeof retry === 'number' ? { limit: retry, delay: () => 0 } : { delay: () => 0, ...retry } });
}

/** A promise that never settles: a server, hook or callback that went silent. */
export const never = <T = never>(): Promise<T> => new Promise<T>(() => undefined);
