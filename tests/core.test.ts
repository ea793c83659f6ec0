import { describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { KEY, mockClerk, wireToken } from './helpers/clerk.ts';

describe('ClerkCore', () => {
	test.each([
		['a non-URL serverURL', { serverURL: 'not a url' }, 'config.serverURL must be an https: URL (http: only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials'],
		['an ftp serverURL', { serverURL: 'ftp://api.clerk.com' }, 'config.serverURL must be an https: URL (http: only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials'],
		['a plain-http remote serverURL', { serverURL: 'http://api.clerk.com/v1' }, 'config.serverURL must be an https: URL (http: only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials'],
		['a serverURL with a query', { serverURL: 'https://api.clerk.com/v1?x=1' }, 'config.serverURL must be an https: URL (http: only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials'],
		['a zero timeoutMs', { timeoutMs: 0 }, 'config.timeoutMs must be from 1 to 2147483647 ms'],
		['an infinite timeoutMs', { timeoutMs: Infinity }, 'config.timeoutMs must be from 1 to 2147483647 ms'],
		['a secretKey of the wrong type', { secretKey: 42 }, 'config.secretKey must be a string or a function returning one'],
		['a fetch that is not a function', { fetch: 'fetch' }, 'config.fetch must be a function'],
		['an apiVersion with a newline', { apiVersion: '2026\n' }, 'config.apiVersion must be a version like 2026-05-12'],
		['invalid headers', { headers: { 'a b': '1' } }, 'config.headers must hold valid header names and values'],
		['a fractional retry', { retry: 1.5 }, 'config.retry must be a retry limit from 0 to 100 or a valid retry policy'],
		['a retry of the wrong type', { retry: 'twice' }, 'config.retry must be a retry limit from 0 to 100 or a valid retry policy'],
		['a non-object config', 'sk_test_x', 'config must be an object'],
		['a zero maxResponseBytes', { maxResponseBytes: 0 }, 'config.maxResponseBytes must be a whole number of bytes, at least 1'],
	])('throws a TypeError for %s', (_, config, message) => {
		expect(() => new ClerkCore(config as never)).toThrow(new TypeError(`Invalid ClerkCore config: ${message}`));
	});

	test.each(['http://localhost:8787', 'http://127.0.0.1:3000/v1', 'http://[::1]:9000'])('accepts the loopback serverURL %s', (serverURL) => {
		expect(() => new ClerkCore({ serverURL })).not.toThrow();
	});

	test('starts no timer and does no I/O when constructed', () => {
		const fetch = vi.fn();
		const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');

		new ClerkCore({ secretKey: KEY, fetch });

		expect(fetch).not.toHaveBeenCalled();
		expect(setTimeoutSpy).not.toHaveBeenCalled();
	});

	test('routes requests through a custom fetch', async () => {
		const fetch = vi.fn(async (request: Request) => {
			expect(request.url).toBe('https://api.clerk.com/v1/sign_in_tokens');
			return Response.json(wireToken);
		});

		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, fetch }), { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(fetch).toHaveBeenCalledTimes(1);
	});

	test('calls a custom fetch without a receiver, as Workers require of their own fetch', async () => {
		function workersFetch(this: unknown, _request: Request): Promise<Response> {
			if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
			return Promise.resolve(Response.json(wireToken));
		}

		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, fetch: workersFetch }), { userId: 'user_123' });

		expect(res.ok).toBe(true);
	});

	test('calls the platform fetch per request, bound to globalThis', async () => {
		const { scope } = mockClerk();
		scope.post('/v1/sign_in_tokens').reply(200, wireToken);
		const spy = vi.spyOn(globalThis, 'fetch');
		const core = new ClerkCore({ secretKey: KEY });

		await signInTokensCreate(core, { userId: 'user_123' });

		expect(spy).toHaveBeenCalledTimes(1);
		expect(spy.mock.contexts[0]).toBe(globalThis);
	});

	test('passes ky hooks through', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens').reply(200, wireToken);
		const beforeRequest = vi.fn(({ request }: { request: Request }) => {
			request.headers.set('x-hooked', 'yes');
		});

		await signInTokensCreate(new ClerkCore({ secretKey: KEY, hooks: { beforeRequest: [beforeRequest] } }), { userId: 'user_123' });

		expect(beforeRequest).toHaveBeenCalledTimes(1);
		expect(seen[0]?.headers['x-hooked']).toBe('yes');
	});

	test('returns an UnexpectedError, not a throw, when a hook throws', async () => {
		const boom = new Error('hook bug');
		const core = new ClerkCore({ secretKey: KEY, hooks: { beforeRequest: [() => { throw boom; }] } });

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected', message: 'Unexpected error: hook bug', cause: boom } });
	});

	test('returns an UnexpectedError when a custom fetch resolves to something other than a Response', async () => {
		const core = new ClerkCore({ secretKey: KEY, fetch: async () => ({ status: 200 }) as never });

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected' } });
	});

	test('accepts a Response from another realm, as a custom fetch may return', async () => {
		// What another realm's Response looks like here: the same tag and API, another class.
		const real = Response.json(wireToken);
		const lookalike = {
			[Symbol.toStringTag]: 'Response',
			ok: true,
			status: 200,
			statusText: 'OK',
			type: 'basic',
			headers: real.headers,
			body: real.body,
			arrayBuffer: () => real.arrayBuffer(),
			clone: () => real.clone(),
		};
		const core = new ClerkCore({ secretKey: KEY, fetch: async () => lookalike as unknown as Response });

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(lookalike instanceof Response).toBe(false);
		expect(res).toMatchObject({ ok: true, value: { id: 'sit_2abc' } });
	});

	test('returns a ConnectionError when a custom fetch rejects with a TypeError', async () => {
		const failure = new TypeError('Network connection lost.');
		const core = new ClerkCore({ secretKey: KEY, fetch: async () => { throw failure; }, retry: 0 });

		const res = await signInTokensCreate(core, { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'connection', cause: failure } });
	});
});
