// Eight workers sign ten users in each, at once, against Clerk's own limits (the fake's
// `rateLimit: true`: 100 Backend API requests and 5 Frontend API sign-ins per 10 s): the shared
// budgets keep every one of the 80 under them, so none meets a 429 (the runner counts them).
import { expect, test } from '../fixtures.ts';

test.describe.configure({ mode: 'parallel' });

for (let worker = 0; worker < 8; worker++) {
	test(`worker ${worker}: ten sign-ins, each in a fresh browser context`, async ({ browser, signInAs, watched }) => {
		test.setTimeout(15 * 60_000);
		for (let i = 0; i < 10; i++) {
			const context = await browser.newContext();
			const page = await context.newPage();
			watched(page);
			// A context of its own is not the test's: it is given the app's full URL.
			await page.goto(`${process.env.E2E_ORIGIN}/`);
			const res = await signInAs(page, { userId: `user_worker_${worker}` });
			expect(res.ok ? res.value.userId : res.error.message).toBe(`user_worker_${worker}`);
			await context.close();
		}
	});
}
