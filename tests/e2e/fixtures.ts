// The suite's fixtures: the package's own, on a core pointed at the fake, with its default budgets
// (files shared by the run's workers), plus what each test watches in its pages — every console
// message and every URL a frame navigated to — written beside the test's results, where the runner
// looks for tickets once the run is over.
import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import { clerkFixtures } from 'clerk-sign-in-tokens/playwright';

const origin = process.env.E2E_ORIGIN as string;

/** Asks the suite's server to set up a failure in the fake (see server.mjs). */
export async function control(path: string, body: unknown = {}): Promise<unknown> {
	const response = await fetch(`${origin}/__control/${path}`, { method: 'POST', body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`control ${path}: ${response.status}`);
	return response.json();
}

export const test = base
	.extend(clerkFixtures({ core: { secretKey: process.env.E2E_SECRET_KEY, serverURL: `${origin}/v1` } }))
	.extend<{ watched: (page: Page) => void }>({
		// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
		watched: async ({}, use, testInfo) => {
			const seen: string[] = [];
			await use((page) => {
				page.on('console', (message) => seen.push(`console ${message.type()}: ${message.text()}`));
				page.on('framenavigated', (frame) => seen.push(`navigated ${frame.url()}`));
			});
			const { writeFile } = await import('node:fs/promises');
			await writeFile(testInfo.outputPath('watched.txt'), seen.join('\n'));
		},
	});

export { expect } from '@playwright/test';

declare global {
	/** What the specs read of clerk-js in the page. */
	interface Window {
		Clerk?: { loaded?: boolean; user?: { id: string } | null; session?: { status: string } | null; organization?: { id: string } | null };
	}
}
