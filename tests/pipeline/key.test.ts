import { inspect } from 'node:util';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import type { Hooks } from '../../src/transport.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { mockClerk } from '../helpers/nock.ts';
import { leaked } from '../helpers/leaks.ts';
import { KEY, never as hang, testCore, wireToken } from '../helpers/wire.ts';
import { transport } from '../../src/transport.ts';

afterEach(() => {
	vi.unstubAllEnvs();
	vi.unstubAllGlobals();
});

describe('secret key', () => {
	test('calls a key provider per request, so keys can rotate', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens').times(2).reply(200, wireToken);
		const keys = ['sk_test_first', 'sk_test_second'];
		const provider = vi.fn(() => keys.shift() ?? '');
		const core = new ClerkCore({ secretKey: provider });

		await signInTokensCreate(core, { userId: 'user_123' });
		await signInTokensCreate(core, { userId: 'user_123' });

		expect(provider).toHaveBeenCalledTimes(2);
		expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer sk_test_first', 'Bearer sk_test_second']);
	});

	test('awaits an async key provider', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens').reply(200, wireToken);

		const res = await signInTokensCreate(new ClerkCore({ secretKey: async () => 'sk_test_async' }), { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(seen[0]?.headers.authorization).toBe('Bearer sk_test_async');
	});

	test.each([
		[
			'a provider that throws',
			() => {
				throw new Error('vault down');
			},
			'Secret key provider threw',
		],
		[
			'a provider that rejects',
			async () => {
				throw new Error('vault down');
			},
			'Secret key provider threw',
		],
		['a provider returning a number', () => 42, 'Secret key must be a string'],
		['a provider returning an empty string', () => '', 'Secret key is empty'],
		['an empty string', '', 'Secret key is empty'],
		['a key with CR/LF', 'sk_test_abc\r\nX-Injected: 1', 'Secret key holds whitespace, control or non-ASCII characters, which a header cannot carry'],
		['a key with a space', 'sk_test abc', 'Secret key holds whitespace, control or non-ASCII characters, which a header cannot carry'],
		['a key with non-ASCII', 'sk_test_ключ', 'Secret key holds whitespace, control or non-ASCII characters, which a header cannot carry'],
		['a publishable test key', 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k', 'Secret key is a publishable key (pk_…); the Backend API needs the secret one (sk_…)'],
		['a publishable live key', 'pk_live_Y2xlcmsuZXhhbXBsZS5jb20k', 'Secret key is a publishable key (pk_…); the Backend API needs the secret one (sk_…)'],
		[
			'a provider returning a publishable key',
			async () => 'pk_test_abc',
			'Secret key is a publishable key (pk_…); the Backend API needs the secret one (sk_…)',
		],
	])('returns a SecretKeyError for %s, without a request', async (_, secretKey, message) => {
		mockClerk();
		const res = await signInTokensRevoke(new ClerkCore({ secretKey: secretKey as never }), { signInTokenId: 'sit_1' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'secret-key', name: 'SecretKeyError', message } });
	});

	test('hands over the name and code of what a provider threw, never its message: it may quote the key', async () => {
		const boom = Object.assign(new TypeError(`vault returned a malformed key ${KEY}`), { code: 'EVAULT' });
		const res = await signInTokensCreate(
			new ClerkCore({
				secretKey: () => {
					throw boom;
				},
			}),
			{ userId: 'u' },
		);

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'secret-key', message: 'Secret key provider threw', cause: { name: 'TypeError', message: '[withheld]', code: 'EVAULT' } },
		});
		expect(!res.ok && res.error.cause).not.toBe(boom);
		expect(leaked(res, KEY)).toEqual([]);
	});

	test('a string key costs no turn of the event loop before the request is built', async () => {
		// A plain string is checked synchronously: the fetch runs within the same macrotask.
		let sent = false;
		const core = new ClerkCore({ transport: transport({ fetch: async () => ((sent = true), Response.json(wireToken)) }), secretKey: KEY });
		const call = signInTokensCreate(core, { userId: 'u' });
		await new Promise((resolve) => setImmediate(resolve));
		expect(sent).toBe(true);
		await call;
	});

	test('reads CLERK_SECRET_KEY from process.env when no key is configured', async () => {
		vi.stubEnv('CLERK_SECRET_KEY', 'sk_test_from_env');
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens').reply(200, wireToken);

		const res = await signInTokensCreate(new ClerkCore(), { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(seen[0]?.headers.authorization).toBe('Bearer sk_test_from_env');
	});

	test('reads CLERK_SECRET_KEY from Deno.env when process.env has none', async () => {
		vi.stubEnv('CLERK_SECRET_KEY', undefined);
		vi.stubGlobal('Deno', { env: { get: (name: string) => (name === 'CLERK_SECRET_KEY' ? 'sk_test_deno' : undefined) } });
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens').reply(200, wireToken);

		const res = await signInTokensCreate(new ClerkCore(), { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(seen[0]?.headers.authorization).toBe('Bearer sk_test_deno');
	});

	test('says the environment could not be read, and how to allow it, on a Deno without --allow-env', async () => {
		vi.stubGlobal('process', undefined);
		// Deno 2 throws NotCapable (PermissionDenied before) for Deno.env.get without --allow-env.
		vi.stubGlobal('Deno', {
			env: {
				get: () => {
					throw Object.assign(new Error('Requires env access to "CLERK_SECRET_KEY", run again with the --allow-env flag'), { name: 'NotCapable' });
				},
			},
		});

		const res = await signInTokensCreate(new ClerkCore(), { userId: 'user_123' });

		vi.unstubAllGlobals();
		expect(res).toMatchObject({
			ok: false,
			error: {
				kind: 'secret-key',
				message: 'Secret key could not be read from the environment (Deno: run with --allow-env=CLERK_SECRET_KEY), and none was passed',
			},
		});
	});

	test('says the key is not configured where there is no environment at all', async () => {
		vi.stubGlobal('process', undefined);
		vi.stubGlobal('Deno', undefined);

		const res = await signInTokensCreate(new ClerkCore(), { userId: 'user_123' });

		vi.unstubAllGlobals();
		expect(res).toMatchObject({ ok: false, error: { kind: 'secret-key', message: 'Secret key is not configured: pass secretKey or set CLERK_SECRET_KEY' } });
	});
});

describe('the key never leaks', () => {
	const leaks = (value: unknown, key: string) => leaked(value, key).length > 0;

	const echo = `Bearer ${KEY}`;
	const cases: [string, () => Promise<{ ok: boolean; error?: unknown; response?: unknown }>, string][] = [
		[
			'api',
			async () => {
				mockClerk()
					.scope.post('/v1/sign_in_tokens')
					.reply(401, { errors: [{ code: 'x', message: echo, long_message: echo }] }, { 'x-echo': echo });
				return signInTokensCreate(testCore(), { userId: 'u' });
			},
			'api',
		],
		[
			'invalid-response',
			async () => {
				mockClerk().scope.post('/v1/sign_in_tokens').reply(200, `not json ${echo}`);
				return signInTokensCreate(testCore(), { userId: 'u' });
			},
			'invalid-response',
		],
		['invalid-request', async () => signInTokensCreate(testCore(), { userId: KEY.repeat(20) }), 'invalid-request'],
		['secret-key', async () => signInTokensCreate(new ClerkCore({ secretKey: `${KEY}\n` }), { userId: 'u' }), 'secret-key'],
		[
			'connection',
			async () => {
				mockClerk()
					.scope.post('/v1/sign_in_tokens')
					.replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
				return signInTokensCreate(testCore(), { userId: 'u' });
			},
			'connection',
		],
		[
			'timeout',
			async () => {
				mockClerk().scope.post('/v1/sign_in_tokens').reply(hang);
				return signInTokensCreate(testCore(), { userId: 'u' }, { timeoutMs: 20 });
			},
			'timeout',
		],
		[
			'aborted',
			async () => {
				const controller = new AbortController();
				mockClerk()
					.scope.post('/v1/sign_in_tokens')
					.reply(() => (controller.abort(new Error(`stop ${KEY}`)), hang()));
				return signInTokensCreate(testCore(), { userId: 'u' }, { signal: controller.signal });
			},
			'aborted',
		],
		[
			'unexpected',
			async () => {
				const core = testCore({
					fetch: async (request) => {
						throw new RangeError(`proxy refused ${request.headers.get('authorization')}`);
					},
				});
				return signInTokensCreate(core, { userId: 'u' });
			},
			'unexpected',
		],
		[
			'unexpected, from an error that holds the Request',
			async () => {
				const core = testCore({
					fetch: async (request) => {
						throw Object.assign(new Error('proxy failed'), { request, config: { headers: { Authorization: `Bearer ${KEY}` } } });
					},
				});
				return signInTokensCreate(core, { userId: 'u' });
			},
			'unexpected',
		],
		[
			'connection, from a TypeError that quotes the header',
			async () => {
				const core = testCore({
					retry: 0,
					fetch: async (request) => {
						throw new TypeError(`fetch failed for ${request.headers.get('authorization')}`);
					},
				});
				return signInTokensCreate(core, { userId: 'u' });
			},
			'connection',
		],
		[
			'unexpected, from a thrown proxy that cannot be read',
			async () => {
				const core = testCore({
					fetch: async () => {
						throw new Proxy(
							{},
							{
								get: () => {
									throw new Error('trap');
								},
								ownKeys: () => {
									throw new Error('trap');
								},
							},
						);
					},
				});
				return signInTokensCreate(core, { userId: 'u' });
			},
			'unexpected',
		],
	];

	test.each(cases)('for a %s error', async (_, call, kind) => {
		const res = await call();

		expect(res.ok).toBe(false);
		expect((res.error as { kind: string }).kind).toBe(kind);
		expect(leaks(res.error, KEY)).toBe(false);
	});

	test('in the HttpMeta of a success, even when the server echoes it', async () => {
		mockClerk().scope.post('/v1/sign_in_tokens').reply(200, wireToken, { 'x-echo': echo });

		const res = await signInTokensCreate(testCore(), { userId: 'u' });

		expect(res.ok && res.response.headers['x-echo']).toBe('Bearer [REDACTED]');
		expect(JSON.stringify(res.ok && res.response)).not.toContain(KEY);
	});

	test('in anything hooks see, but the outgoing Authorization header', async () => {
		mockClerk()
			.scope.post('/v1/sign_in_tokens/sit_1/revoke')
			.reply(429, '', { 'retry-after': '0' })
			.post('/v1/sign_in_tokens/sit_1/revoke')
			.times(2)
			.reply(500, 'oops');
		const seen: unknown[] = [];
		const hooks: Hooks = {
			beforeRequest: [
				({ request }: { request: Request }) =>
					void seen.push(
						request.url,
						[...request.headers].filter(([name]) => name !== 'authorization'),
					),
			],
			afterResponse: [({ response }: { response: Response }) => void seen.push(response.status, [...response.headers])],
			beforeRetry: [({ error }: { error: Error }) => void seen.push(error.message, error.name)],
		};

		const res = await signInTokensRevoke(testCore({ hooks }), { signInTokenId: 'sit_1' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 500 } });
		expect(seen.length).toBeGreaterThan(6);
		expect(JSON.stringify(seen)).not.toContain(KEY);
	});

	test('in the core, serialized or inspected', () => {
		const core = new ClerkCore({ secretKey: KEY });

		expect(JSON.stringify(core)).not.toContain(KEY);
		expect(inspect(core, { depth: Infinity, showHidden: true })).not.toContain(KEY);
		expect(String(core)).not.toContain(KEY);
	});
});

describe('in a browser page', () => {
	test('every call returns a SecretKeyError explaining why, without a request', async () => {
		vi.stubGlobal('window', {});
		vi.stubGlobal('document', {});
		const fetch = vi.fn();
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY });

		const results = [await signInTokensCreate(core, { userId: 'u' }), await signInTokensRevoke(core, { signInTokenId: 'sit_1' })];

		for (const res of results) {
			expect(res).toMatchObject({
				ok: false,
				error: {
					kind: 'secret-key',
					message: 'Secret key must not be used in a browser page, where anyone can read it (see dangerouslyAllowBrowser)',
				},
			});
		}
		expect(fetch).not.toHaveBeenCalled();
	});

	test('runs when the core opts in with dangerouslyAllowBrowser', async () => {
		vi.stubGlobal('window', {});
		vi.stubGlobal('document', {});
		const core = new ClerkCore({ transport: transport({ fetch: async () => Response.json(wireToken) }), secretKey: KEY, dangerouslyAllowBrowser: true });

		expect((await signInTokensCreate(core, { userId: 'u' })).ok).toBe(true);
	});

	test('a web worker (a global without document) is not a browser page', async () => {
		vi.stubGlobal('window', undefined);
		vi.stubGlobal('document', undefined);
		vi.stubGlobal('self', {});
		const core = new ClerkCore({ transport: transport({ fetch: async () => Response.json(wireToken) }), secretKey: KEY });

		expect((await signInTokensCreate(core, { userId: 'u' })).ok).toBe(true);
	});
});
