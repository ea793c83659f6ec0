import { defineConfig } from 'tsup';
import type { Options } from 'tsup';

/**
 * Every public entry: its subpath (without `./`) and its source — the one list. `npm run sync`
 * writes package.json's and jsr.json's `exports` from it; tests/package/entries.test.ts checks them
 * and that src/index.ts re-exports every library entry.
 */
export const ENTRIES: Record<string, string> = {
	index: 'src/index.ts',
	core: 'src/core.ts',
	result: 'src/result.ts',
	errors: 'src/errors/index.ts',
	models: 'src/models/index.ts',
	'funcs/signInTokensCreate': 'src/funcs/signInTokensCreate.ts',
	'funcs/signInTokensRevoke': 'src/funcs/signInTokensRevoke.ts',
	'funcs/signInTokensCreateMany': 'src/funcs/signInTokensCreateMany.ts',
	signInUrl: 'src/signInUrl.ts',
	decodeTicket: 'src/decodeTicket.ts',
	sdk: 'src/sdk.ts',
	events: 'src/events.ts',
	otel: 'src/otel.ts',
	transport: 'src/transport.ts',
	retry: 'src/retry.ts',
	extra: 'src/extra.ts',
	testing: 'src/testing/index.ts',
	'testing/msw': 'src/testing/msw.ts',
	budget: 'src/budget/index.ts',
	'budget/redis': 'src/budget/redis.ts',
	'budget/durable-object': 'src/budget/durableObject.ts',
	'budget/file': 'src/budget/file.ts',
	playwright: 'src/playwright.ts',
	cypress: 'src/cypress/index.ts',
	'cypress/tasks': 'src/cypress/tasks.ts',
};

/**
 * Entries npm has and JSR does not: the Cypress command declares `cy.signInAs` on Cypress's global
 * `Chainable`, and JSR refuses a global augmentation. Cypress itself is installed from npm.
 */
export const NPM_ONLY: readonly string[] = ['cypress', 'cypress/tasks'];

const shared: Options = {
	target: 'es2022',
	format: ['esm'],
	treeshake: true,
	sourcemap: true,
	// Peers stay peers: msw only for /testing/msw; @opentelemetry/api and @playwright/test types only.
	external: [/^node:/, 'msw', '@opentelemetry/api', '@playwright/test'],
	// Builtins keep their `node:` prefix: Deno and Workers' nodejs_compat resolve only that spelling.
	removeNodeProtocol: false,
};

// ESM only: one copy of every class, so a core made through `import` and one through `require`
// (Node loads ESM through require(esm)) are the same. Declarations are written by `tsc -p
// tsconfig.build.json` into dist/types, one file per source module, so types keep their names.
export default defineConfig([
	{
		...shared,
		entry: ENTRIES,
		// Shared chunks, so `instanceof ClerkAPIError` holds across entries.
		splitting: true,
		platform: 'neutral',
		clean: true,
	},
	{
		...shared,
		entry: { cli: 'src/cli/bin.ts' },
		platform: 'node',
		banner: { js: '#!/usr/bin/env node' },
	},
]);
