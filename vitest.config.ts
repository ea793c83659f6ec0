import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.ts'],
		// The runtime matrix runs its own tests, inside workerd (npm run test:runtimes).
		exclude: ['tests/runtimes/**', 'node_modules/**'],
		typecheck: { enabled: true, include: ['tests/**/*.test-d.ts'] },
		restoreMocks: true,
		setupFiles: ['tests/setup.ts'],
	},
});
