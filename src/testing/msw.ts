// The `clerk-sign-in-tokens/testing/msw` entry: the fake Clerk as msw request handlers, for test
// suites that already run msw (`setupServer` on Node, `setupWorker` in a browser). msw is an
// optional peer dependency: only this entry imports it.
import { http, HttpResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { trimSlashes } from '../lib/trimSlashes.ts';
import type { FakeClerk } from './index.ts';

/** Options of `clerkHandlers`. */
export interface ClerkHandlersOptions {
	/**
	 * The origin (and optional path prefix) your code calls the Backend API at; default
	 * `https://api.clerk.com`, where `@clerk/backend` and this SDK call by default. Requests below
	 * it reach the fake with the prefix removed, so `<baseUrl>/v1/sign_in_tokens` is served.
	 */
	baseUrl?: string;
}

/**
 * msw handlers that answer Clerk's Backend API from a fake: every request below `baseUrl` goes to
 * `fake.handle`, and a `"network"` fault of `fake.failNext` becomes msw's network error.
 *
 * @param fake The fake Clerk that answers.
 * @param options Where the API is called.
 * @returns The handlers, for `setupServer(...clerkHandlers(fake))` or `server.use(...)`.
 *
 * @example
 * ```ts
 * const fake = createFakeClerk({ users: ['user_123'] });
 * const server = setupServer(...clerkHandlers(fake));
 * server.listen({ onUnhandledFrame: 'error' });
 * ```
 */
export function clerkHandlers(fake: FakeClerk, options: ClerkHandlersOptions = {}): HttpHandler[] {
	const base = new URL(options.baseUrl ?? 'https://api.clerk.com');
	const prefix = trimSlashes(base.pathname);
	return [
		http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
			const url = new URL(request.url);
			const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
			const forwarded = new Request(`${url.origin}${url.pathname.slice(prefix.length)}${url.search}`, {
				method: request.method,
				headers: request.headers,
				signal: request.signal,
				...(body && body.byteLength > 0 ? { body } : {}),
			});
			try {
				return await fake.handle(forwarded);
			} catch {
				// The fake's "network" fault (or an aborted request): what msw calls a network error.
				return HttpResponse.error();
			}
		}),
	];
}
