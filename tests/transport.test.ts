// transport({ fetch, hooks }): checked when made, so a core set up wrong fails at once.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import { transport } from '../src/transport.ts';
import { KEY, recorder, wireToken } from './helpers/wire.ts';

describe('transport()', () => {
	test.each([
		['nothing', undefined, 'transport: options must be an object: { fetch?, hooks? }'],
		['a fetch that is not a function', { fetch: 'fetch' }, 'transport: options.fetch must be a function'],
		[
			'an unknown hook',
			{ hooks: { beforeError: [() => undefined] } },
			'transport: options.hooks must be arrays of functions under beforeRequest, beforeRetry, afterResponse',
		],
		[
			'a hook that is not in an array',
			{ hooks: { beforeRequest: () => undefined } },
			'transport: options.hooks must be arrays of functions under beforeRequest, beforeRetry, afterResponse',
		],
		['a typo', { fetc: globalThis.fetch }, 'transport: options has an unknown option "fetc" (did you mean fetch?)'],
	])('refuses %s, at once', (_, options, message) => {
		expect(() => transport(options as never)).toThrow(new TypeError(message));
	});

	test('with hooks only, attempts go to the platform fetch through ky’s Request, and the hooks see them', async () => {
		const seen: string[] = [];
		const { fetch, seen: requests } = recorder(Response.json({ ...wireToken, status: 'revoked' }));
		const saved = globalThis.fetch;
		globalThis.fetch = fetch as typeof globalThis.fetch;
		try {
			const core = new ClerkCore({
				secretKey: KEY,
				transport: transport({ hooks: { beforeRequest: [({ request }) => void seen.push(new URL(request.url).pathname)] } }),
			});

			const res = await signInTokensRevoke(core, { signInTokenId: 'sit_1' });

			expect(res.ok).toBe(true);
			expect(seen).toEqual(['/v1/sign_in_tokens/sit_1/revoke']);
			expect(requests).toHaveLength(1);
		} finally {
			globalThis.fetch = saved;
		}
	});

	test('a fetch that answers with no Response is an unexpected error, not retried as a network failure', async () => {
		let calls = 0;
		const core = new ClerkCore({ secretKey: KEY, transport: transport({ fetch: async () => (calls++, {} as Response) }) });

		const res = await signInTokensRevoke(core, { signInTokenId: 'sit_1' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'unexpected', message: 'Unexpected error: fetch resolved to something other than a Response' } });
		expect(calls).toBe(1);
	});
});
