// `npm start`: the whole sign-in token lifecycle, against the in-memory fake by default, or against
// the real Clerk API when CLERK_SECRET_KEY is set (then DEMO_USER_ID names a user of your instance).
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import type { SignInTokensRevokeError } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { signInTokensRevoke } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { andThen, map, match } from 'clerk-sign-in-tokens/result';
import { createFakeClerk } from 'clerk-sign-in-tokens/testing';

const real = Boolean(process.env.CLERK_SECRET_KEY);
const fake = real ? undefined : createFakeClerk({ users: ['user_demo'] });
const clerk = fake
	? new ClerkCore({ fetch: fake.fetch, secretKey: fake.secretKey })
	: new ClerkCore({ secretKey: process.env.CLERK_SECRET_KEY });
const userId = process.env.DEMO_USER_ID ?? 'user_demo';
const expiresInSeconds = 600;

console.log(real ? 'Talking to the real Clerk API (https://api.clerk.com/v1).' : 'Talking to the in-memory fake Clerk (set CLERK_SECRET_KEY to use the real API).');

// 1. Create a one-time sign-in token.
const created = await signInTokensCreate(clerk, { userId, expiresInSeconds });
if (!created.ok) {
	console.error(`create failed: ${created.error.kind}: ${created.error.message}`);
	process.exit(1);
}
const token = created.value;
console.log(`\n1. Created ${token.id} for ${token.userId} (status ${token.status}, HTTP ${created.response.status}).`);
console.log(`   Ticket URL:\n   ${token.url}`);
console.log(`   Expires at ${new Date(token.createdAt + expiresInSeconds * 1000).toISOString()} (in ${expiresInSeconds / 60} minutes).`);

// 2. Revoke it.
const revoked = await signInTokensRevoke(clerk, { signInTokenId: token.id });
console.log(`\n2. Revoked: ${revoked.ok ? revoked.value.status : revoked.error.message}`);

// 3. Revoking again is a typed ClerkAPIError (400): the token is no longer pending.
const again = await signInTokensRevoke(clerk, { signInTokenId: token.id });
console.log(`\n3. Revoking again: ${again.ok ? 'unexpectedly succeeded' : explain(again.error)}`);

// 4. A pipeline: create → revoke → the time it was revoked, composed with the Result helpers.
const revokedAt = map(
	await andThen(signInTokensCreate(clerk, { userId, expiresInSeconds: 60 }), (t) => signInTokensRevoke(clerk, { signInTokenId: t.id })),
	(t) => new Date(t.updatedAt).toISOString(),
);
console.log(`\n4. Pipeline: ${match(revokedAt, (at) => `created and revoked, revoked at ${at}`, (e) => `failed with ${e.kind}`)}`);

/** Every error kind handled; the compiler proves the switch exhaustive. */
function explain(error: SignInTokensRevokeError): string {
	switch (error.kind) {
		case 'api':
			return `ClerkAPIError ${error.status} ${error.errors[0]?.code ?? ''}: ${error.errors[0]?.longMessage ?? error.message} (trace ${error.clerkTraceId})`;
		case 'invalid-request':
			return `refused before sending: ${error.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
		case 'secret-key':
			return `no usable key: ${error.message}`;
		case 'connection':
		case 'timeout':
		case 'aborted':
			return `network trouble (${error.kind}): ${error.message}`;
		case 'invalid-response':
			return `Clerk answered ${error.status} with an unexpected body`;
		case 'unexpected':
			return `bug: ${error.message}`;
		default:
			return error satisfies never;
	}
}
