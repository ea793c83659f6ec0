import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { decodeTicket } from 'clerk-sign-in-tokens/decodeTicket';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { signInTokensRevoke } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { createFakeClerk } from 'clerk-sign-in-tokens/testing';
import { describe, expect, it } from 'vitest';

describe('the fake Clerk in the Workers runtime', () => {
	it('runs inside workerd', () => {
		expect(navigator.userAgent).toBe('Cloudflare-Workers');
	});

	it("serves create and revoke through the fake's transport", async () => {
		const fake = createFakeClerk({ users: ['user_123'] });
		const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });

		const created = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 600 });
		if (!created.ok) throw created.error;
		const revoked = await signInTokensRevoke(clerk, { signInTokenId: created.value.id });
		const again = await signInTokensRevoke(clerk, { signInTokenId: created.value.id });

		expect(created.value.status).toBe('pending');
		expect(decodeTicket(created.value.token ?? '')).toMatchObject({ ok: true, value: { signInTokenId: created.value.id, instanceId: fake.instanceId } });
		expect(revoked).toMatchObject({ ok: true, value: { status: 'revoked' } });
		expect(again).toMatchObject({
			ok: false,
			error: { kind: 'api', status: 400, signInTokenStatus: 'revoked', errors: [{ code: 'sign_in_token_cannot_be_revoked_code' }] },
		});
	});

	it("answers Clerk's 401 for a wrong key", async () => {
		const fake = createFakeClerk();
		const res = await signInTokensCreate(new ClerkCore({ transport: fake.transport, secretKey: 'sk_test_wrong' }), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 401, errors: [{ code: 'clerk_key_invalid' }] } });
	});
});
