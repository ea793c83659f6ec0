import { describe, expect, test } from 'vitest';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { clerkErrors, protocolHeaders, testCore, token, wireToken } from '../helpers/wire.ts';
import { mockClerk } from '../helpers/nock.ts';
import { policy } from '../../src/retry.ts';

const revoked = { ...wireToken, status: 'revoked', updated_at: 1_767_229_200_000 };

describe('signInTokensRevoke', () => {
	test('sends the exact request, with no body, and returns the revoked token', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_2abc/revoke').reply(200, revoked);

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(res).toEqual({
			ok: true,
			value: { ...token, status: 'revoked', updatedAt: 1_767_229_200_000 },
			response: { status: 200, headers: { 'content-type': 'application/json' } },
		});
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({ method: 'POST', path: '/v1/sign_in_tokens/sit_2abc/revoke', body: '' });
		expect(seen[0]?.headers).toMatchObject(protocolHeaders(false));
		expect(seen[0]?.headers).not.toHaveProperty('content-type');
	});

	test('percent-encodes what remains of an ID after validation', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_%C3%A9%2B%40/revoke').reply(200, revoked);

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_é+@' });

		expect(res.ok).toBe(true);
		expect(seen[0]?.path).toBe('/v1/sign_in_tokens/sit_%C3%A9%2B%40/revoke');
	});

	test('returns a ClerkAPIError with status 400 for a token that is no longer pending', async () => {
		const { scope } = mockClerk();
		scope
			.post('/v1/sign_in_tokens/sit_2abc/revoke')
			.reply(400, clerkErrors('sign_in_token_cannot_be_revoked', 'cannot be revoked', 'Sign in token cannot be revoked because it is not pending.'));

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(res).toMatchObject({
			ok: false,
			error: {
				kind: 'api',
				status: 400,
				clerkTraceId: 'trace_abc123',
				errors: [
					{
						code: 'sign_in_token_cannot_be_revoked',
						message: 'cannot be revoked',
						longMessage: 'Sign in token cannot be revoked because it is not pending.',
						meta: undefined,
					},
				],
				message: 'Request failed with status 400: Sign in token cannot be revoked because it is not pending.',
			},
		});
	});

	test('returns a ClerkAPIError with status 404 for an unknown token, without retrying', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_nope/revoke').reply(404, clerkErrors('resource_not_found', 'not found', 'Resource not found'));

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_nope' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 404, errors: [{ code: 'resource_not_found' }] } });
	});

	test.each([429, 500, 502, 503, 504])('retries a %i, then succeeds', async (status) => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_2abc/revoke').reply(status, '').post('/v1/sign_in_tokens/sit_2abc/revoke').reply(200, revoked);

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(seen).toHaveLength(2);
		expect(res).toMatchObject({ ok: true, value: { status: 'revoked' } });
	});

	test('returns the last 500 after two retries', async () => {
		const { scope, seen } = mockClerk();
		scope
			.post('/v1/sign_in_tokens/sit_2abc/revoke')
			.times(3)
			.reply(500, clerkErrors('internal_clerk_error', 'Oops', 'Oops'));

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(seen).toHaveLength(3);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 500 } });
	});

	test('retries a reset connection, then succeeds', async () => {
		const { scope, seen } = mockClerk();
		scope
			.post('/v1/sign_in_tokens/sit_2abc/revoke')
			.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
			.post('/v1/sign_in_tokens/sit_2abc/revoke')
			.reply(200, revoked);

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(seen).toHaveLength(2);
		expect(res.ok).toBe(true);
	});

	test('returns a ConnectionError once network retries are spent', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_2abc/revoke').times(3).replyWithError(new Error('other side closed'));

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(seen).toHaveLength(3);
		expect(res).toMatchObject({ ok: false, error: { kind: 'connection' } });
	});

	test('does not retry network errors when the caller narrows networkErrors to none', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_2abc/revoke').replyWithError(new Error('other side closed'));

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' }, { retry: policy({ networkErrors: 'none' }) });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'connection' } });
	});

	test('does not follow a redirect, which would carry the key elsewhere', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v1/sign_in_tokens/sit_2abc/revoke').reply(307, '', { location: 'https://evil.example/steal' });

		const res = await signInTokensRevoke(testCore(), { signInTokenId: 'sit_2abc' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 307 } });
	});
});
