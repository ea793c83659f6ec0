import nock from 'nock';
import { ClerkCore } from '../../src/core.ts';
import type { ClerkCoreConfig } from '../../src/core.ts';

export const ORIGIN = 'https://api.clerk.com';
export const KEY = 'sk_test_Zx9QwErTy1234567890SECRET';

/** A sign-in token as Clerk sends it (snake_case), per the spec's `SignInToken`. */
export const wireToken = {
	object: 'sign_in_token',
	id: 'sit_2abc',
	status: 'pending',
	user_id: 'user_123',
	token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzEyMyJ9.c2ln',
	url: 'https://example.accounts.dev/sign-in#__clerk_ticket=eyJhbGciOiJSUzI1NiJ9',
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
	return {
		errors: [{ code, message, long_message: longMessage, ...(meta ? { meta } : {}) }],
		clerk_trace_id: 'trace_abc123',
	};
}

/** One request as the server saw it. */
export interface Seen {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: string;
}

/**
 * Mocks Clerk's origin and records every request it receives. Chain one interceptor per expected
 * attempt; nothing else may reach the network.
 */
export function mockClerk() {
	const seen: Seen[] = [];
	const scope = nock(ORIGIN);
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		const url = new URL(req.url);
		seen.push({
			method: req.method,
			path: url.pathname + url.search,
			headers: Object.fromEntries(req.headers),
			body,
		});
	});
	return { scope, seen };
}

/** A core with the test key and no backoff wait, so retry tests do not sleep. */
export function testCore(config: ClerkCoreConfig = {}): ClerkCore {
	const { retry } = config;
	const noWait = typeof retry === 'number' ? { limit: retry, delay: () => 0 } : { delay: () => 0, ...retry };
	return new ClerkCore({ secretKey: KEY, ...config, retry: noWait });
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

/** Picks the named headers of a seen request, to compare with `protocolHeaders`. */
export function pick(headers: Record<string, string>, names: string[]): Record<string, string> {
	return Object.fromEntries(names.filter((name) => name in headers).map((name) => [name, headers[name] ?? '']));
}

/**
 * A reply that never comes, as from a server that accepted the connection and went silent. (nock's
 * `delay` would answer after the client aborted, which trips an assertion inside undici.)
 */
export function hang(): Promise<never> {
	return new Promise<never>(() => undefined);
}
