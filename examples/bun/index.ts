// Bun: prints a one-time sign-in link. The key comes from Bun.env (Bun loads .env files too).
//   CLERK_SECRET_KEY=sk_test_… bun index.ts user_123
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';

const clerk = new ClerkCore({ secretKey: Bun.env.CLERK_SECRET_KEY, serverURL: Bun.env.CLERK_API_URL });
const res = await signInTokensCreate(clerk, { userId: Bun.argv[2] ?? 'user_123', expiresInSeconds: 600 });
if (!res.ok) {
	console.error(`${res.error.kind}: ${res.error.message}`);
	process.exit(1);
}
console.log(res.value.url);
