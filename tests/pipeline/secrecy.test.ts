// The key never leaves, in any shape (issue: "Keep every promise", §3): whatever a server echoes
// and whatever a fetch, hook or abort reason holds, nothing the SDK hands back shows the key —
// checked through String, JSON.stringify and util.inspect with infinite depth and hidden fields.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { leaked } from '../helpers/leaks.ts';
import { coreOf, wireToken } from '../helpers/wire.ts';
import type { TestConfig } from '../helpers/wire.ts';
import { transport } from '../../src/transport.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const KEY = 'sk_test_MiXeD"Case\\Key/+=%_0123456789';

const create = (config: TestConfig, options?: Parameters<typeof signInTokensCreate>[2]) =>
	signInTokensCreate(coreOf({ secretKey: KEY, retry: 0, ...config }), { userId: 'user_123' }, options);

/** Shapes a thrown error (or abort reason) can take that a shallow scan would miss. */
function hostileShapes(key: string): [string, () => unknown][] {
	const deep = (depth: number): Error => (depth === 0 ? new Error(`bottom ${key}`) : new Error('layer', { cause: deep(depth - 1) }));
	const symbolic = Object.assign(new TypeError('fetch failed'), { [Symbol('auth')]: key });
	const hidden = new TypeError('fetch failed');
	Object.defineProperty(hidden, 'request', { value: { headers: { authorization: `Bearer ${key}` } }, enumerable: false });
	const getter = new TypeError('fetch failed');
	Object.defineProperty(getter, 'detail', { get: () => key, enumerable: false });
	const proxied = new Proxy(new TypeError('fetch failed'), {
		ownKeys: (target) => Reflect.ownKeys(target),
		get: (target, p) => (p === 'secret' ? key : Reflect.get(target, p)),
	});
	return [
		['a cause chain ten levels deep', () => deep(10)],
		['an AggregateError', () => new AggregateError([new Error('a'), new TypeError(`failover to ${key}`)], 'all failed')],
		['a Map', () => Object.assign(new TypeError('fetch failed'), { headers: new Map([['authorization', `Bearer ${key}`]]) })],
		['a Set', () => Object.assign(new TypeError('fetch failed'), { seen: new Set([key]) })],
		['a symbol-keyed property', () => symbolic],
		['a non-enumerable property', () => hidden],
		['a getter', () => getter],
		['a proxy', () => proxied],
		[
			'a Request',
			() => Object.assign(new TypeError('fetch failed'), { request: new Request('https://x.test', { headers: { authorization: `Bearer ${key}` } }) }),
		],
		['a JSON-escaped copy', () => new TypeError(`failed: ${JSON.stringify({ key })}`)],
		['a percent-encoded copy', () => new TypeError(`failed: https://x.test/?k=${encodeURIComponent(key)}`)],
		['a plain string', () => `Bearer ${key}`],
		['a code', () => Object.assign(new TypeError('fetch failed'), { code: key })],
		[
			'a cyclic object',
			() => {
				const e = new TypeError(`cycle ${key}`) as TypeError & { self?: unknown };
				e.self = e;
				return e;
			},
		],
	];
}

describe('the key never appears in anything handed back', () => {
	test.each(hostileShapes(KEY))('a fetch that throws %s: the ConnectionError or UnexpectedError shows no key', async (_, shape) => {
		const res = await create({
			fetch: async () => {
				throw shape();
			},
		});

		expect(res.ok).toBe(false);
		expect(leaked(res, KEY)).toEqual([]);
	});

	test.each(hostileShapes(KEY))('a hook that throws %s: the UnexpectedError shows no key', async (_, shape) => {
		const res = await create({
			fetch: async () => Response.json(wireToken),
			hooks: {
				beforeRequest: [
					() => {
						throw shape();
					},
				],
			},
		});

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected' } });
		expect(leaked(res, KEY)).toEqual([]);
	});

	test.each(hostileShapes(KEY))('an abort reason holding %s: the AbortedError shows no key', async (_, shape) => {
		const controller = new AbortController();
		const res = await create(
			{
				fetch: async () => {
					controller.abort(shape());
					return new Promise<Response>(() => undefined);
				},
			},
			{ signal: controller.signal },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'aborted' } });
		expect(leaked(res, KEY)).toEqual([]);
	});

	test('a key echoed as a response header name is left out of HttpMeta and error headers', async () => {
		const echo = (status: number) => async (request: Request) =>
			new Response(status === 200 ? JSON.stringify(wireToken) : '{}', {
				status,
				headers: {
					[`x-${KEY.replace(/[^\w-]/g, '')}`]: '1',
					[(request.headers.get('authorization') ?? '').slice(7).replace(/[^\w-]/g, '')]: 'echo',
					'x-ok': 'kept',
				},
			});
		const plain = 'sk_test_MiXeDCaseKey_0123456789';

		const ok = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: echo(200) }), secretKey: plain }), { userId: 'user_123' });
		const failed = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: echo(401) }), secretKey: plain, retry: 0 }), { userId: 'user_123' });

		expect(ok.ok && ok.response.headers).toEqual({ 'content-type': 'text/plain;charset=UTF-8', 'x-ok': 'kept' });
		expect(!failed.ok && failed.error.kind === 'api' && failed.error.headers).toEqual({ 'content-type': 'text/plain;charset=UTF-8', 'x-ok': 'kept' });
		expect(leaked([ok, failed], plain)).toEqual([]);
	});

	test('a key with JSON-special characters echoed in a JSON body is scrubbed in every form', async () => {
		const fetch = async () =>
			Response.json(
				{
					errors: [
						{
							code: 'clerk_key_invalid',
							message: `bad ${KEY}`,
							long_message: `The key ${KEY} is invalid`,
							meta: { [KEY]: KEY, url: `https://x.test/?k=${encodeURIComponent(KEY)}` },
						},
					],
					clerk_trace_id: KEY,
				},
				{ status: 401, headers: { 'x-echo': KEY } },
			);

		const res = await create({ fetch });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 401, errors: [{ code: 'clerk_key_invalid', message: 'bad [REDACTED]' }] } });
		expect(leaked(res, KEY)).toEqual([]);
	});

	test('a key spelled with JSON escapes (\\u0073, \\/) in a body is scrubbed too', async () => {
		const escaped = [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
		const body = `{"errors":[{"code":"x","message":"${escaped}","long_message":"l"}],"clerk_trace_id":"${escaped}"}`;

		const res = await create({ fetch: async () => new Response(body, { status: 400 }) });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', errors: [{ message: '[REDACTED]' }], clerkTraceId: '[REDACTED]' } });
		expect(leaked(res, KEY)).toEqual([]);
	});

	test('a 2xx body echoing the key does not carry it into the value', async () => {
		const res = await create({ fetch: async () => Response.json({ ...wireToken, url: `https://x.test/?k=${KEY}`, token: KEY }) });

		expect(res).toMatchObject({ ok: true, value: { url: 'https://x.test/?k=[REDACTED]', token: '[REDACTED]' } });
		expect(leaked(res, KEY)).toEqual([]);
	});

	test('an invalid 2xx body echoing the key shows it neither in body nor in issues', async () => {
		const res = await create({ fetch: async () => Response.json({ ...wireToken, created_at: KEY }) });

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-response' } });
		expect(leaked(res, KEY)).toEqual([]);
	});
});

describe('property: any key, any thrown shape, any echo', () => {
	// Keys as users hold them and as an attacker might shape them: every visible-ASCII character a
	// header can carry, JSON and URL specials included.
	const keys = fc
		.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 8, maxLength: 48 })
		.map((s) => `sk_test_${s}`);
	const where = fc.constantFrom('fetch-throws', 'hook-throws', 'abort', 'echo-401', 'echo-200', 'echo-header-name', 'bad-json');

	test('nothing handed back shows the key', async () => {
		await fc.assert(
			fc.asyncProperty(keys, where, fc.nat({ max: 13 }), async (key, scenario, shapeIndex) => {
				// Only a key made of token characters can be echoed as a header name at all.
				fc.pre(scenario !== 'echo-header-name' || /^[\w!#$%&'*+.^`|~-]+$/.test(key));
				const shape = (hostileShapes(key)[shapeIndex] as [string, () => unknown])[1];
				const controller = new AbortController();
				const fetch = async (request: Request): Promise<Response> => {
					const auth = request.headers.get('authorization') ?? '';
					switch (scenario) {
						case 'fetch-throws':
							throw shape();
						case 'abort':
							controller.abort(shape());
							return new Promise<Response>(() => undefined);
						case 'echo-401':
							return Response.json(
								{ errors: [{ code: 'x', message: auth, long_message: key, meta: { [key]: auth } }], clerk_trace_id: key },
								{ status: 401, headers: { 'x-echo': auth } },
							);
						case 'echo-200':
							return Response.json({ ...wireToken, token: key, url: `https://x.test/${encodeURIComponent(key)}` }, { headers: { 'x-key': key } });
						case 'echo-header-name':
							return Response.json(wireToken, { headers: { [key]: '1' } });
						default:
							return new Response(`{"oops": "${auth}"`, { status: 200 });
					}
				};
				const hooks =
					scenario === 'hook-throws'
						? {
								beforeRequest: [
									() => {
										throw shape();
									},
								],
							}
						: undefined;
				const core = new ClerkCore({ transport: transport({ fetch, ...(hooks ? { hooks } : {}) }), secretKey: key, retry: 0 });
				const res = await (shapeIndex % 2
					? signInTokensRevoke(core, { signInTokenId: 'sit_1' }, { signal: controller.signal })
					: signInTokensCreate(core, { userId: 'u' }, { signal: controller.signal }));
				expect(leaked(res, key)).toEqual([]);
			}),
			{ numRuns: RUNS },
		);
	});
});
