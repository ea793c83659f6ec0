import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import { createClerk } from '../src/sdk.ts';
import { createFakeClerk } from '../src/testing/index.ts';

describe('createClerk', () => {
	test('offers signInTokens.create and .revoke with the same Results as the functions', async () => {
		const fake = createFakeClerk();
		const clerk = createClerk({ transport: fake.transport, secretKey: fake.secretKey });

		const created = await clerk.signInTokens.create({ userId: 'user_123' });
		const revoked = await clerk.signInTokens.revoke({ signInTokenId: created.ok ? created.value.id : '' });
		const again = await clerk.signInTokens.revoke({ signInTokenId: created.ok ? created.value.id : '' });

		expect(created).toMatchObject({ ok: true, value: { status: 'pending' }, response: { status: 200 } });
		expect(revoked).toMatchObject({ ok: true, value: { status: 'revoked' } });
		expect(again).toMatchObject({ ok: false, error: { kind: 'api', status: 400 } });
	});

	test('reuses a core it is given', () => {
		const core = new ClerkCore({ secretKey: 'sk_test_x' });
		expect(createClerk(core).core).toBe(core);
	});

	test("throws the core's TypeError for a malformed config", () => {
		expect(() => createClerk({ serverURL: 'http://api.clerk.com' })).toThrow(TypeError);
	});

	test('passes per-call options through', async () => {
		const fake = createFakeClerk();
		fake.failNext(1, 'hang');
		const clerk = createClerk({ transport: fake.transport, secretKey: fake.secretKey });

		expect(await clerk.signInTokens.create({ userId: 'user_123' }, { signal: AbortSignal.abort() })).toMatchObject({ ok: false, error: { kind: 'aborted' } });
		expect(await clerk.signInTokens.create({ userId: 'user_123' }, { timeout: 20 } as never)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
	});

	test('never falls back to defaults: an unknown option or a foreign core throws', () => {
		class ForeignClerkCore {}
		expect(() => createClerk({ apiUrl: 'http://127.0.0.1:1/v1' } as never)).toThrow('config has an unknown option "apiUrl" (did you mean serverURL?)');
		expect(() => createClerk(new ForeignClerkCore() as never)).toThrow('config must be a plain object');
	});
});
