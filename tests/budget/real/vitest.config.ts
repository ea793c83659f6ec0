import { defineConfig } from 'vitest/config';

// `npm run test:budget`: the budget adapters on real engines (redis-server from Debian's package),
// apart from `npm test` because they need that server and take ~10 s a scenario of Clerk-like
// windows. .ci/run installs redis-server when missing and runs them.
export default defineConfig({
	test: {
		include: ['tests/budget/real/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 60_000,
		fileParallelism: false,
	},
});
