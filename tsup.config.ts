import { defineConfig } from 'tsup';

export default defineConfig({
	entry: {
		index: 'src/index.ts',
		core: 'src/core.ts',
		'funcs/signInTokensCreate': 'src/funcs/signInTokensCreate.ts',
		'funcs/signInTokensRevoke': 'src/funcs/signInTokensRevoke.ts',
		models: 'src/models/index.ts',
		errors: 'src/lib/errors/index.ts',
		result: 'src/lib/result.ts',
	},
	format: ['esm', 'cjs'],
	// Shared chunks in CJS too, so `instanceof ClerkAPIError` holds across entries of one format.
	splitting: true,
	dts: true,
	target: 'es2022',
	platform: 'neutral',
	treeshake: true,
	clean: true,
	sourcemap: false,
});
