import { describe, expect, test, vi } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { createClerk } from '../src/sdk.ts';
import { KEY, recorder, wireToken } from './helpers/wire.ts';
import { policy } from '../src/retry.ts';
import { transport } from '../src/transport.ts';

const URL_RULE = 'must be an https URL (http only on loopback), without query, fragment or credentials';
const LOGGER_RULE = 'must be made by events() or openTelemetry()';
const RETRY_RULE = 'must be a limit 0 to 100, or made by policy()';

describe('ClerkCore', () => {
	test.each([
		['a non-URL serverURL', { serverURL: 'not a url' }, `config.serverURL ${URL_RULE}`],
		['an ftp serverURL', { serverURL: 'ftp://api.clerk.com' }, `config.serverURL ${URL_RULE}`],
		['a plain-http remote serverURL', { serverURL: 'http://api.clerk.com/v1' }, `config.serverURL ${URL_RULE}`],
		['a serverURL with a query', { serverURL: 'https://api.clerk.com/v1?x=1' }, `config.serverURL ${URL_RULE}`],
		['a serverURL with a bare trailing ?', { serverURL: 'https://api.clerk.com/v1?' }, `config.serverURL ${URL_RULE}`],
		['a serverURL with a bare trailing #', { serverURL: 'https://api.clerk.com/v1#' }, `config.serverURL ${URL_RULE}`],
		['a serverURL with credentials', { serverURL: 'https://user:pw@api.clerk.com/v1' }, `config.serverURL ${URL_RULE}`],
		['a zero timeoutMs', { timeoutMs: 0 }, 'config.timeoutMs must be 1 to 2147483647 ms'],
		['an infinite timeoutMs', { timeoutMs: Infinity }, 'config.timeoutMs must be 1 to 2147483647 ms'],
		['a secretKey of the wrong type', { secretKey: 42 }, 'config.secretKey must be a string or a function returning one'],
		['a logger that is not one', { logger: console }, `config.logger ${LOGGER_RULE}`],
		['a plain function as logger (the old spelling)', { logger: () => undefined }, `config.logger ${LOGGER_RULE}`],
		['a transport made by hand', { transport: { fetch: () => undefined } }, 'config.transport must be made by transport()'],
		[
			'an apiVersion with a newline',
			{ apiVersion: '2026-05-12\n' },
			'config.apiVersion must be a dated version like 2026-05-12 (the /v1 belongs in serverURL)',
		],
		["@clerk/backend's apiVersion 'v1'", { apiVersion: 'v1' }, 'config.apiVersion must be a dated version like 2026-05-12 (the /v1 belongs in serverURL)'],
		['invalid headers', { headers: { 'a b': '1' } }, 'config.headers must hold valid header names and values'],
		['a fractional retry', { retry: 1.5 }, `config.retry ${RETRY_RULE}`],
		['a retry policy as a plain object (the old spelling)', { retry: { limit: 2 } }, `config.retry ${RETRY_RULE}`],
		[
			'a retry policy with an unknown field',
			{ retry: policy({ limits: 2 } as never) },
			'config.retry has an unknown policy field "limits" (did you mean limit?)',
		],
		['a retry policy naming an inherited method', { retry: policy({ toString: 1 } as never) }, 'config.retry has an unknown policy field "toString"'],
		['a retry policy with a limit past 100', { retry: policy({ limit: 101 }) }, 'config.retry has a policy limit that must be a whole number 0 to 100'],
		[
			'a retry policy with a status that is no error',
			{ retry: policy({ statusCodes: [200] }) },
			'config.retry has a policy statusCodes that must be an array of HTTP error statuses, 400 to 599',
		],
		['a custom fetch set flat (the old spelling)', { fetch: () => undefined }, 'config has an unknown option "fetch" (did you mean transport?)'],
		['hooks set flat (the old spelling)', { hooks: {} }, 'config has an unknown option "hooks" (did you mean transport?)'],
		['a non-object config', 'sk_test_x', 'config must be a plain object'],
		['a zero maxResponseBytes', { maxResponseBytes: 0 }, 'config.maxResponseBytes must be a whole number of bytes, at least 1'],
	])('throws a TypeError for %s', (_, config, message) => {
		expect(() => new ClerkCore(config as never)).toThrow(new TypeError(`Invalid ClerkCore config: ${message}`));
	});

	test.each([
		['apiUrl', 'serverURL'],
		['baseUrl', 'serverURL'],
		['baseURL', 'serverURL'],
		['serverUrl', 'serverURL'],
		['apiKey', 'secretKey'],
		['secretkey', 'secretKey'],
		['secret_key', 'secretKey'],
		['timeout', 'timeoutMs'],
		['retries', 'retry'],
	])('names the unknown option %s and suggests %s', (name, hint) => {
		expect(() => new ClerkCore({ [name]: 'x' } as never)).toThrow(
			new TypeError(`Invalid ClerkCore config: config has an unknown option "${name}" (did you mean ${hint}?)`),
		);
	});

	test('never quotes an unknown option that could be a pasted key', () => {
		let message = '';
		try {
			new ClerkCore({ [KEY]: true } as never);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toBe('Invalid ClerkCore config: config has an unknown option');
	});

	test('does not silently fall back to the defaults for an unknown option: nothing is constructed', () => {
		// `apiUrl` is @clerk/backend's name; a core built anyway would call production.
		expect(() => createClerk({ apiUrl: 'http://127.0.0.1:1/v1', secretKey: KEY } as never)).toThrow(TypeError);
	});

	test('refuses a class instance, such as a core from another copy of the package, as a config', () => {
		class ForeignCore {}
		expect(() => new ClerkCore(new ForeignCore() as never)).toThrow(
			new TypeError("Invalid ClerkCore config: config must be a plain object, not a class instance (another copy's core?)"),
		);
		expect(() => createClerk(new ForeignCore() as never)).toThrow(TypeError);
	});

	test('accepts a plain object from another realm and one without a prototype', async () => {
		const { runInNewContext } = await import('node:vm');
		expect(() => new ClerkCore(runInNewContext('({ timeoutMs: 5000 })') as never)).not.toThrow();
		expect(() => new ClerkCore(Object.assign(Object.create(null), { timeoutMs: 5000 }))).not.toThrow();
	});

	test('accepts explicit undefined for every option, as `process.env.X` may be', () => {
		expect(
			() =>
				new ClerkCore({
					secretKey: undefined,
					serverURL: undefined,
					apiVersion: undefined,
					timeoutMs: undefined,
					retry: undefined,
					headers: undefined,
					maxResponseBytes: undefined,
					dangerouslyAllowBrowser: undefined,
					logger: undefined,
					transport: undefined,
					budget: undefined,
				}),
		).not.toThrow();
	});

	test('wraps a config whose getter throws in a TypeError', () => {
		const config = Object.defineProperty({}, 'timeoutMs', {
			enumerable: true,
			get: () => {
				throw new Error('boom');
			},
		});
		expect(() => new ClerkCore(config)).toThrow(new TypeError('Invalid ClerkCore config: config could not be read'));
	});

	test.each(['http://localhost:8787', 'http://127.0.0.1:3000/v1', 'http://[::1]:9000'])('accepts the loopback serverURL %s', (serverURL) => {
		expect(() => new ClerkCore({ serverURL })).not.toThrow();
	});

	test('starts no timer and does no I/O when constructed', () => {
		const fetch = vi.fn();
		const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');

		new ClerkCore({ transport: transport({ fetch }), secretKey: KEY });

		expect(fetch).not.toHaveBeenCalled();
		expect(setTimeoutSpy).not.toHaveBeenCalled();
	});

	test('holds no enumerable or inspectable trace of its config, key included', async () => {
		const { inspect } = await import('node:util');
		const core = new ClerkCore({ secretKey: KEY });
		expect(JSON.stringify(core)).toBe('{}');
		expect(inspect(core, { showHidden: true, depth: Infinity })).not.toContain(KEY);
		expect(Reflect.ownKeys(core)).toEqual([]);
	});

	test('strips trailing slashes of serverURL and calls the custom fetch without a receiver', async () => {
		const seen: unknown[] = [];
		const fetch = function (this: unknown, request: Request) {
			seen.push(this, request.url);
			return Promise.resolve(Response.json(wireToken));
		};

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, serverURL: 'https://api.clerk.com/v1//' }), {
			userId: 'user_123',
		});

		expect(res.ok).toBe(true);
		expect(seen).toEqual([undefined, 'https://api.clerk.com/v1/sign_in_tokens']);
	});

	test('applies a core retry setting to every call, and a call setting on top of it', async () => {
		const { fetch, seen } = recorder(new Response('', { status: 503 }));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY, retry: policy({ limit: 1, delay: () => 0 }) });

		await signInTokensCreate(core, { userId: 'user_123' });
		await signInTokensCreate(core, { userId: 'user_123' }, { retry: 0 });

		expect(seen).toHaveLength(3);
	});
});
