// The end-to-end suite's Playwright: Debian's Chromium (no browser download), eight workers, and a
// trace of every test, which the runner (run.mjs) then searches for tickets.
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.ts';

export default defineConfig({
	testDir: './specs',
	outputDir: process.env.E2E_OUTPUT ?? './test-results',
	workers: 8,
	fullyParallel: true,
	retries: 0,
	// Safety nets, not expectations: on a busy 2-core machine eight Chromiums start slowly.
	timeout: 120_000,
	expect: { timeout: 30_000 },
	reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? './report.json' }]],
	use: {
		baseURL: process.env.E2E_ORIGIN,
		browserName: 'chromium',
		trace: 'on',
		launchOptions: {
			executablePath: CHROMIUM,
			args: CHROMIUM_ARGS,
		},
	},
});
