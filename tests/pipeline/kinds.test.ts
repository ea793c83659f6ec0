// Every outcome gets the right kind (issue: "Keep every promise", §5): what a fetch must never
// resolve to is a bug in that fetch — `unexpected` — not a network failure or an API status 0.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { KEY, wireToken } from '../helpers/wire.ts';
import { policy } from '../../src/retry.ts';
import { transport } from '../../src/transport.ts';

const consumed = async () => {
	const response = Response.json(wireToken);
	await response.text();
	return response;
};

describe('a custom fetch that misbehaves is unexpected, and is not retried', () => {
	test.each([
		['an already-consumed Response', consumed, 'Unexpected error: fetch resolved to a Response whose body was already read'],
		['Response.error()', async () => Response.error(), 'Unexpected error: fetch resolved to Response.error() or an opaque Response'],
		['a plain object', async () => ({ status: 200, ok: true }) as unknown as Response, 'Unexpected error: fetch resolved to something other than a Response'],
		['undefined', async () => undefined as unknown as Response, 'Unexpected error: fetch resolved to something other than a Response'],
		['a Response returned synchronously is fine', () => Response.json(wireToken) as unknown as Promise<Response>, undefined],
		[
			'a non-Response returned synchronously',
			() => ({ status: 200 }) as unknown as Promise<Response>,
			'Unexpected error: fetch resolved to something other than a Response',
		],
	])('%s', async (_, fetch, message) => {
		let calls = 0;
		const counted = (request: Request) => {
			calls++;
			return (fetch as (r: Request) => Promise<Response>)(request);
		};
		// Revoke retries every network error: a misbehaving fetch must not count as one.
		const res = await signInTokensRevoke(new ClerkCore({ transport: transport({ fetch: counted }), secretKey: KEY, retry: policy({ delay: () => 0 }) }), {
			signInTokenId: 'sit_1',
		});

		if (message === undefined) expect(res.ok).toBe(true);
		else expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected', message } });
		expect(calls).toBe(1);
	});

	test('a fetch that throws something that is not a network error is unexpected', async () => {
		const res = await signInTokensCreate(
			new ClerkCore({
				transport: transport({
					fetch: async () => {
						throw new RangeError('bug in my proxy');
					},
				}),
				secretKey: KEY,
			}),
			{ userId: 'u' },
		);

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'unexpected', message: 'Unexpected error: bug in my proxy', cause: { name: 'RangeError', message: 'bug in my proxy' } },
		});
	});

	test.each([
		['a TypeError', () => new TypeError('Network connection lost.')],
		["Bun's ConnectionRefused", () => Object.assign(new Error('Unable to connect'), { code: 'ConnectionRefused' })],
	])('a fetch rejecting with %s is a connection error', async (_, failure) => {
		const res = await signInTokensCreate(
			new ClerkCore({
				transport: transport({
					fetch: async () => {
						throw failure();
					},
				}),
				secretKey: KEY,
				retry: 0,
			}),
			{ userId: 'u' },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'connection' } });
	});

	test('a body stream of strings instead of bytes is unexpected, not a connection failure', async () => {
		const stream = new ReadableStream({ start: (c) => (c.enqueue('{"object":"sign_in_token"}' as never), c.close()) });

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: async () => new Response(stream) }), secretKey: KEY }), { userId: 'u' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected', message: 'Unexpected error: body is not a byte stream' } });
	});
});

describe('other kinds', () => {
	test('a hook that stops the call without a response is unexpected', async () => {
		const { default: ky } = await import('ky');
		const res = await signInTokensCreate(
			new ClerkCore({
				transport: transport({ fetch: async () => new Response('', { status: 503 }), hooks: { beforeRetry: [() => ky.stop as never] } }),
				secretKey: KEY,
				retry: policy({ delay: () => 0 }),
			}),
			{ userId: 'u' },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected', message: 'Unexpected error: a hook ended the call without a response' } });
	});

	test('a 304 from a custom fetch is an api error with an empty body', async () => {
		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: async () => new Response(null, { status: 304 }) }), secretKey: KEY }), {
			userId: 'u',
		});

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 304, body: '' } });
	});
});
