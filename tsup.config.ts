import { defineConfig } from 'tsup';
import type { Options } from 'tsup';

const shared: Options = {
	target: 'es2022',
	treeshake: true,
	sourcemap: false,
	external: [/^node:/],
};

export default defineConfig([
	{
		...shared,
		entry: {
			index: 'src/index.ts',
			core: 'src/core.ts',
			'funcs/signInTokensCreate': 'src/funcs/signInTokensCreate.ts',
			'funcs/signInTokensRevoke': 'src/funcs/signInTokensRevoke.ts',
			models: 'src/models/index.ts',
			errors: 'src/lib/errors/index.ts',
			result: 'src/lib/result.ts',
			sdk: 'src/sdk.ts',
			testing: 'src/testing/fakeClerk.ts',
		},
		format: ['esm', 'cjs'],
		// Shared chunks in CJS too, so `instanceof ClerkAPIError` holds across entries of one format.
		splitting: true,
		dts: true,
		platform: 'neutral',
		clean: true,
	},
	{
		...shared,
		entry: { cli: 'src/bin.ts' },
		format: ['esm'],
		platform: 'node',
		banner: { js: '#!/usr/bin/env node' },
	},
]);
