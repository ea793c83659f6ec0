// Node (ESM), Deno and Bun: the package through its exports map, by bare specifier.
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { signInTokensRevoke } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { policy } from 'clerk-sign-in-tokens/retry';
import { scenario } from './scenario.mjs';

const env = (name) => (globalThis.Deno ? globalThis.Deno.env.get(name) : process.env[name]);
const steps = await scenario({ ClerkCore, signInTokensCreate, signInTokensRevoke, policy }, { base: env('RUNTIME_BASE'), key: env('CLERK_SECRET_KEY') });
console.log(JSON.stringify(steps));
if (steps.some((s) => !s.ok)) {
	if (globalThis.Deno) globalThis.Deno.exit(1);
	else process.exit(1);
}
