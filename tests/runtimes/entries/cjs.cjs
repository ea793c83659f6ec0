// Node (CJS): the ESM-only package through `require`, which Node (≥ 22.12) loads through
// require(esm). A core made by `require` must be the very class the `import`ed functions check, so
// the scenario mixes the two: the dual-package hazard is gone only if this passes.
const { ClerkCore } = require('clerk-sign-in-tokens/core');
const { signInTokensCreate } = require('clerk-sign-in-tokens/funcs/signInTokensCreate');
const { policy } = require('clerk-sign-in-tokens/retry');

Promise.all([import('clerk-sign-in-tokens/funcs/signInTokensRevoke'), import('clerk-sign-in-tokens/sdk'), import('./scenario.mjs')]).then(
	async ([{ signInTokensRevoke }, { createClerk }, { scenario }]) => {
		const steps = await scenario(
			{ ClerkCore, signInTokensCreate, signInTokensRevoke, policy },
			{ base: process.env.RUNTIME_BASE, key: process.env.CLERK_SECRET_KEY },
		);
		// The facade from `import` takes a core from `require` as its own, never as a config.
		const core = new ClerkCore({ secretKey: process.env.CLERK_SECRET_KEY, serverURL: `${process.env.RUNTIME_BASE}/v1` });
		steps.push({ step: '8 one core across require and import', ok: createClerk(core).core === core, detail: '' });
		console.log(JSON.stringify(steps));
		if (steps.some((s) => !s.ok)) process.exit(1);
	},
);
