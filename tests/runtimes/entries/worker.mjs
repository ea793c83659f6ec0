// Cloudflare workerd: a module worker, bundled as wrangler bundles it; the key is an env binding.
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { signInTokensRevoke } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { policy } from 'clerk-sign-in-tokens/retry';
import { scenario } from './scenario.mjs';

export default {
	async fetch(request, env) {
		const steps = await scenario({ ClerkCore, signInTokensCreate, signInTokensRevoke, policy }, { base: env.RUNTIME_BASE, key: env.CLERK_SECRET_KEY });
		return Response.json(steps);
	},
};
