// Every way signInAs can fail, provoked for real against clerk-js and the fake, and typed.
import { clerkFixtures } from 'clerk-sign-in-tokens/playwright';
import { control, expect, test } from '../fixtures.ts';

type State = { tokens: { id: string; status: string; user_id: string }[] };
const tokensOf = async (userId: string) => ((await control('state')) as State).tokens.filter((t) => t.user_id === userId);

test('mint: the Backend API’s refusal, with the SDK’s error as the cause', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');

	const res = await signInAs(page, { userId: 'user_nobody' });

	expect(res.ok).toBe(false);
	if (res.ok) return;
	expect(res.error).toMatchObject({ name: 'SignInAsError', kind: 'mint', cause: { kind: 'api', status: 404 } });
	expect(res.error.message).toContain('No user was found with id user_nobody');
});

test('clerk-not-loaded: a page without Clerk, at the deadline, with nothing minted', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/no-clerk');

	const res = await signInAs(page, { userId: 'user_unloaded' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'clerk-not-loaded' } });
	expect(await tokensOf('user_unloaded')).toEqual([]);
});

test('session-exists: a page signed in already, with nothing minted for the second', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');
	expect((await signInAs(page, { userId: 'user_session' })).ok).toBe(true);

	const res = await signInAs(page, { userId: 'user_session' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'session-exists' } });
	expect(await tokensOf('user_session')).toMatchObject([{ status: 'accepted' }]);
});

test('ticket-refused: a ticket revoked before the page redeems it, with Clerk’s code', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');
	await control('revoke-on-next-mint', { userId: 'user_refused' });

	const res = await signInAs(page, { userId: 'user_refused' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'ticket-refused', code: 'sign_in_token_revoked_code' } });
	expect(await page.evaluate(() => window.Clerk?.user ?? null)).toBeNull();
});

test('organization-not-activated: a user who is not a member, with Clerk’s code', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');

	const res = await signInAs(page, { userId: 'user_outsider', orgId: 'org_team' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'organization-not-activated', code: 'not_a_member_in_organization' } });
});

test('invalid-request: a malformed request, refused before anything, even a page without Clerk', async ({ page, signInAs }) => {
	await page.goto('/no-clerk');

	const res = await signInAs(page, { userId: ' user_e2e' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
	expect(res.ok || res.error.message).toContain('userId holds a space at character 1');
});

// A fixture with a short deadline, for the one failure that waits for it.
const quick = test.extend(clerkFixtures({ core: { secretKey: process.env.E2E_SECRET_KEY, serverURL: `${process.env.E2E_ORIGIN}/v1` }, timeoutMs: 3_000 }));

quick('timeout: a Clerk that never answers the sign-in, typed at the deadline, its ticket revoked after', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');
	await control('hang-sign-in', { userId: 'user_hung' });

	const res = await signInAs(page, { userId: 'user_hung' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', signInTokenId: expect.stringMatching(/^sit_/) } });
	expect(res.ok || res.error.message).toBe('signInAs: the page did not sign in within 3000 ms');
	test.info().annotations.push({ type: 'unredeemed', description: res.ok ? '' : (res.error.signInTokenId as string) });
});

test('a ticket minted and never redeemed (the sign-in request failed) is revoked when the test ends', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');
	await control('fail-sign-in', { userId: 'user_unredeemed', status: 503 });

	const res = await signInAs(page, { userId: 'user_unredeemed' });

	expect(res).toMatchObject({ ok: false, error: { kind: 'sign-in-incomplete' } });
	if (res.ok) return;
	const id = res.error.signInTokenId as string;
	expect((await tokensOf('user_unredeemed')).find((t) => t.id === id)?.status).toBe('pending');
	// What the end of this test does is checked by the runner: this token must then be revoked.
	test.info().annotations.push({ type: 'unredeemed', description: id });
});

test('a ticket that cannot be revoked fails the test, naming its token', async ({ page, signInAs, watched }) => {
	test.fail(true, 'the fixture’s end must fail this test; the runner checks the message names the token');
	watched(page);
	await page.goto('/');
	await control('fail-sign-in', { userId: 'user_unrevokable', status: 503 });
	const res = await signInAs(page, { userId: 'user_unrevokable' });
	expect(res.ok).toBe(false);
	if (res.ok) return;
	const id = res.error.signInTokenId as string;
	// Revoke answers 500 three times: the first attempt and both retries.
	await control('fail-next', { count: 3, fault: { status: 500, body: '' }, path: `/v1/sign_in_tokens/${id}/revoke` });
	test.info().annotations.push({ type: 'unrevokable', description: id });
});
