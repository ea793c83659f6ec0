// signInAs against a real clerk-js in Chromium, on the fake: the user is signed in inside the page.
import { expect, test } from '../fixtures.ts';

test('signs the user in inside the page, with Clerk’s own frontend, and the session is active', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');

	const res = await signInAs(page, { userId: 'user_e2e' });

	expect(res).toEqual({
		ok: true,
		value: { userId: 'user_e2e', organizationId: null, sessionId: expect.stringMatching(/^sess_/), signInTokenId: expect.stringMatching(/^sit_/) },
	});
	expect(await page.evaluate(() => ({ user: window.Clerk?.user?.id, session: window.Clerk?.session?.status }))).toEqual({
		user: 'user_e2e',
		session: 'active',
	});
	// The page reads as signed in after a reload too: the session is the browser's, not the page's.
	await page.reload();
	await page.waitForFunction(() => window.Clerk?.loaded);
	expect(await page.evaluate(() => window.Clerk?.user?.id)).toBe('user_e2e');
});

test('activates the organization with the session, in one setActive', async ({ page, signInAs, watched }) => {
	watched(page);
	await page.goto('/');

	const res = await signInAs(page, { userId: 'user_member', orgId: 'org_team' });

	expect(res).toMatchObject({ ok: true, value: { userId: 'user_member', organizationId: 'org_team' } });
	expect(await page.evaluate(() => window.Clerk?.organization?.id)).toBe('org_team');
});
