// Deno 2: prints a one-time sign-in link. The key is read with Deno.env (run with --allow-env).
//   CLERK_SECRET_KEY=sk_test_… deno run --allow-net --allow-env main.ts user_123
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';

const clerk = new ClerkCore({ secretKey: Deno.env.get('CLERK_SECRET_KEY'), serverURL: Deno.env.get('CLERK_API_URL') });
const res = await signInTokensCreate(clerk, { userId: Deno.args[0] ?? 'user_123', expiresInSeconds: 600 });
if (!res.ok) {
	console.error(`${res.error.kind}: ${res.error.message}`);
	Deno.exit(1);
}
console.log(res.value.url);
