// Node ≥ 22: prints a one-time sign-in link. The key comes from process.env.CLERK_SECRET_KEY,
// read by the core itself; CLERK_API_URL optionally points at another server (a local fake).
//   CLERK_SECRET_KEY=sk_test_… node index.mjs user_123
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';

const clerk = new ClerkCore({ serverURL: process.env.CLERK_API_URL });
const res = await signInTokensCreate(clerk, { userId: process.argv[2] ?? 'user_123', expiresInSeconds: 600 });
if (!res.ok) {
	console.error(`${res.error.kind}: ${res.error.message}`);
	process.exit(1);
}
console.log(res.value.url);
