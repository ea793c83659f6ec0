// Node (CJS): the package through `require`, resolving the exports map's "require" condition.
const { ClerkCore } = require('clerk-sign-in-tokens/core');
const { signInTokensCreate } = require('clerk-sign-in-tokens/funcs/signInTokensCreate');
const { signInTokensRevoke } = require('clerk-sign-in-tokens/funcs/signInTokensRevoke');

import('./scenario.mjs').then(async ({ scenario }) => {
	const steps = await scenario({ ClerkCore, signInTokensCreate, signInTokensRevoke }, { base: process.env.RUNTIME_BASE, key: process.env.CLERK_SECRET_KEY });
	console.log(JSON.stringify(steps));
	if (steps.some((s) => !s.ok)) process.exit(1);
});
