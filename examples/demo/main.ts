// `npm start`: the whole sign-in token lifecycle, against the in-memory fake by default, or against
// the real Clerk API when CLERK_SECRET_KEY is set (then DEMO_USER_ID names a user of your instance).
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { decodeTicket } from 'clerk-sign-in-tokens/decodeTicket';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { signInTokensCreateMany } from 'clerk-sign-in-tokens/funcs/signInTokensCreateMany';
import type { SignInTokensRevokeError } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { signInTokensRevoke } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { andThen, map, match } from 'clerk-sign-in-tokens/result';
import { signInUrl } from 'clerk-sign-in-tokens/signInUrl';
import { createFakeClerk } from 'clerk-sign-in-tokens/testing';

const real = Boolean(process.env.CLERK_SECRET_KEY);
const fake = real ? undefined : createFakeClerk({ users: ['user_demo', 'user_a', 'user_b', 'user_c'] });
const clerk = fake ? new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey }) : new ClerkCore({ secretKey: process.env.CLERK_SECRET_KEY });
const userId = process.env.DEMO_USER_ID ?? 'user_demo';

console.log(
	real ? 'Talking to the real Clerk API (https://api.clerk.com/v1).' : 'Talking to the in-memory fake Clerk (set CLERK_SECRET_KEY to use the real API).',
);

// 1. Create a one-time sign-in token, valid for ten minutes.
const created = await signInTokensCreate(clerk, { userId, expiresInSeconds: 600 });
if (!created.ok) {
	console.error(`create failed: ${created.error.kind}: ${created.error.message}`);
	process.exit(1);
}
const token = created.value;
console.log(`\n1. Created ${token.id} for ${token.userId} (status ${token.status}, HTTP ${created.response.status}, trace ${created.response.traceId}).`);

// 2. The link a user clicks: your own sign-in page, the ticket in its query, where Clerk's
//    frontend reads it. And when it dies, read from the ticket itself, with no API call.
const link = signInUrl(token, { baseUrl: 'http://localhost:3000/sign-in', redirectUrl: '/welcome' });
const facts = decodeTicket(token.token ?? '');
console.log(`\n2. Link to your local page:\n   ${link.ok ? link.value : link.error.message}`);
console.log(
	`   Expires at ${facts.ok ? new Date(facts.value.expiresAt).toISOString() : '(unknown)'} (in ${facts.ok ? Math.round((facts.value.expiresAt - Date.now()) / 60_000) : '?'} minutes).`,
);

// 3. Revoke it; revoking again is a typed ClerkAPIError (400) that says what the token is now.
const revoked = await signInTokensRevoke(clerk, { signInTokenId: token.id });
console.log(`\n3. Revoked: ${revoked.ok ? revoked.value.status : revoked.error.message}`);
const again = await signInTokensRevoke(clerk, { signInTokenId: token.id });
console.log(`   Revoking again: ${again.ok ? 'unexpectedly succeeded' : explain(again.error)}`);

// 4. A pipeline: create → revoke → the time it was revoked, composed with the Result helpers.
const revokedAt = map(
	await andThen(signInTokensCreate(clerk, { userId, expiresInSeconds: 60 }), (t) => signInTokensRevoke(clerk, { signInTokenId: t.id })),
	(t) => new Date(t.updatedAt).toISOString(),
);
console.log(
	`\n4. Pipeline: ${match(
		revokedAt,
		(at) => `created and revoked, revoked at ${at}`,
		(e) => `failed with ${e.kind}`,
	)}`,
);

// 5. Many users at once, under Clerk's rate limit, each result as it settles.
if (fake) {
	console.log('\n5. A batch of three:');
	for await (const { request, result } of signInTokensCreateMany(
		clerk,
		['user_a', 'user_b', 'user_c'].map((id) => ({ userId: id, expiresInSeconds: 3600 })),
	)) {
		console.log(`   ${request?.userId}: ${result.ok ? result.value.id : result.error.kind}`);
	}
}

/** Every error kind handled; the compiler proves the switch exhaustive. */
function explain(error: SignInTokensRevokeError): string {
	switch (error.kind) {
		case 'api':
			return `ClerkAPIError ${error.status} ${error.errors[0]?.code ?? ''} (token is ${error.signInTokenStatus ?? 'unknown'}, trace ${error.clerkTraceId})`;
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
