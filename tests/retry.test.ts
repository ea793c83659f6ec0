// policy({ … }): a retry policy that changes only the fields it names, for a core or one call.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import { policy } from '../src/retry.ts';
import { transport } from '../src/transport.ts';
import { KEY, recorder, wireToken } from './helpers/wire.ts';

const failing = (status: number) => recorder(new Response('', { status }), Response.json(wireToken));

describe('policy()', () => {
	test.each([
		['a limit past 100', { limit: 101 }, 'options.retry has a policy limit that must be a whole number 0 to 100'],
		['a status that is no error', { statusCodes: [200] }, 'options.retry has a policy statusCodes that must be an array of HTTP error statuses, 400 to 599'],
		['an unknown networkErrors', { networkErrors: 'some' }, 'options.retry has a policy networkErrors that must be "any", "unsent" or "none"'],
		['a typo', { limt: 1 }, 'options.retry has an unknown policy field "limt" (did you mean limit?)'],
		['fields that are no object', 3, 'options.retry must be policy({ … }) of an object of fields'],
	])('a call with %s is refused before anything is sent', async (_, fields, message) => {
		const { fetch, seen } = failing(503);

		const res = await signInTokensCreate(
			new ClerkCore({ secretKey: KEY, transport: transport({ fetch }) }),
			{ userId: 'user_123' },
			{ retry: policy(fields as never) },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: `Invalid request: ${message}` } });
		expect(seen).toHaveLength(0);
	});

	test.each([
		['a plain object (the old spelling)', { limit: 1 }],
		['a look-alike function', () => ({})],
	])('refuses %s as retry, naming policy()', async (_, retry) => {
		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY }), { userId: 'user_123' }, { retry: retry as never });

		expect(res).toMatchObject({ ok: false, error: { message: 'Invalid request: options.retry must be a limit 0 to 100, or made by policy()' } });
	});

	test("changes only the fields it names: create's 500 is retried once asked, its other rules kept", async () => {
		const { fetch, seen } = recorder(new Response('', { status: 500 }), new Response('', { status: 500 }), Response.json(wireToken));
		const core = new ClerkCore({ secretKey: KEY, transport: transport({ fetch }), retry: policy({ delay: () => 0 }) });

		const kept = await signInTokensCreate(core, { userId: 'user_123' });
		const widened = await signInTokensCreate(core, { userId: 'user_123' }, { retry: policy({ statusCodes: [500] }) });

		expect(kept).toMatchObject({ ok: false, error: { kind: 'api', status: 500 } });
		expect(widened.ok).toBe(true);
		expect(seen).toHaveLength(3);
	});

	test('a call’s limit is laid over the core’s policy; the policy’s own lists are copied when made', async () => {
		const codes = [500];
		const made = policy({ statusCodes: codes, delay: () => 0 });
		codes.length = 0;
		const { fetch, seen } = recorder(new Response('', { status: 500 }));
		const core = new ClerkCore({ secretKey: KEY, transport: transport({ fetch }), retry: made });

		await signInTokensRevoke(core, { signInTokenId: 'sit_1' }, { retry: 1 });

		expect(seen).toHaveLength(2);
	});
});
