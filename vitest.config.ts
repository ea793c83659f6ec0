import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		// The runtime matrix runs its own tests, inside workerd (npm run test:runtimes).
		// tests/budget/real needs a redis-server: npm run test:budget, in .ci/run.
		exclude: ['tests/runtimes/**', 'tests/budget/real/**', 'node_modules/**'],
		typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
		restoreMocks: true,
		// Safety nets, not expectations: no test waits on time. A busy machine (2 cores, four busy
		// loops) makes the CPU-heavy ones — whole-project compiles, 1,000-request fakes — take 5–8 s,
		// so each may take many times that before it counts as hung.
		testTimeout: 60_000,
		hookTimeout: 60_000,
		setupFiles: ['tests/setup.ts'],
	},
});
