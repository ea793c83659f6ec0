// The size scenarios: each an entry that imports what a user would and calls it, plus the floors
// and the peer. Shared by bench:size (from the packed package) and bench:size:features (from src/).
import { ENTRIES } from '../tsup.config.ts';

export const P = 'clerk-sign-in-tokens';

/**
 * The source of every opt-in feature: none of these modules may even be read into a bundle that
 * does not import it (scenario A: `/core` and `/funcs/signInTokensCreate`). Checked on esbuild's
 * metafile by bench/size.mjs and tests/package/optIn.test.ts.
 */
export const OPT_IN = [
	'src/events.ts',
	'src/otel.ts',
	'src/extra.ts',
	'src/transport.ts',
	'src/retry.ts',
	'src/budget/',
	'src/signInUrl.ts',
	'src/decodeTicket.ts',
	'src/sdk.ts',
	'src/funcs/signInTokensCreateMany.ts',
	'src/batch/',
	'src/testing/',
];
export const entries = {
	'A create only': `import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate';
		export default (key) => signInTokensCreate(new ClerkCore({ secretKey: key }), { userId: 'user_123' });`,
	'B revoke only': `import { ClerkCore } from '${P}/core'; import { signInTokensRevoke } from '${P}/funcs/signInTokensRevoke';
		export default (key) => signInTokensRevoke(new ClerkCore({ secretKey: key }), { signInTokenId: 'sit_1' });`,
	'C both': `import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; import { signInTokensRevoke } from '${P}/funcs/signInTokensRevoke';
		export default async (key) => { const c = new ClerkCore({ secretKey: key }); const r = await signInTokensCreate(c, { userId: 'user_123' }); return r.ok ? signInTokensRevoke(c, { signInTokenId: r.value.id }) : r; };`,
	'D A from the root': `import { ClerkCore, signInTokensCreate } from '${P}';
		export default (key) => signInTokensCreate(new ClerkCore({ secretKey: key }), { userId: 'user_123' });`,
	'E A + map/andThen/match': `import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; import { andThen, map, match } from '${P}/result';
		export default async (key) => { const c = new ClerkCore({ secretKey: key }); const r = map(await andThen(signInTokensCreate(c, { userId: 'user_123' }), (t) => ({ ok: true, value: t })), (t) => t.url);
		return match(r, (u) => u, (e) => e.kind); };`,
	'F facade (/sdk)': `import { createClerk } from '${P}/sdk';
		export default (key) => createClerk({ secretKey: key }).signInTokens.create({ userId: 'user_123' });`,
	// What each opt-in feature adds to A when a user imports it too (A's own bytes are checked not to
	// include any of them: see the zero-byte budget in bench/size.mjs).
	'G A + signInUrl': `import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; import { signInUrl } from '${P}/signInUrl';
		export default async (key) => { const r = await signInTokensCreate(new ClerkCore({ secretKey: key }), { userId: 'user_123' }); return r.ok ? signInUrl(r.value, { redirectUrl: 'https://app.example.com/' }) : r; };`,
	'H A + decodeTicket': `import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; import { decodeTicket } from '${P}/decodeTicket';
		export default async (key) => { const r = await signInTokensCreate(new ClerkCore({ secretKey: key }), { userId: 'user_123' }); return r.ok ? decodeTicket(r.value.token) : r; };`,
	'I createMany': `import { ClerkCore } from '${P}/core'; import { signInTokensCreateMany } from '${P}/funcs/signInTokensCreateMany';
		export default (key, ids) => signInTokensCreateMany(new ClerkCore({ secretKey: key }), ids.map((userId) => ({ userId })));`,
	'J A + openTelemetry': `import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; import { openTelemetry } from '${P}/otel';
		export default (key, tracer) => signInTokensCreate(new ClerkCore({ secretKey: key, logger: openTelemetry(tracer) }), { userId: 'user_123' });`,
	'floor: fetch': `export default async (key) => { const r = await fetch('https://api.clerk.com/v1/sign_in_tokens', { method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'user_123' }) }); return r.json(); };`,
	'floor: ky': `import ky from 'ky'; export default (key) => ky.post('https://api.clerk.com/v1/sign_in_tokens', { headers: { authorization: 'Bearer ' + key }, json: { user_id: 'user_123' } }).json();`,
	'floor: ky + valibot object': `import ky from 'ky'; import * as v from 'valibot'; const S = v.object({ id: v.string(), user_id: v.string(), created_at: v.number() });
		export default async (key) => v.parse(S, await ky.post('https://api.clerk.com/v1/sign_in_tokens', { headers: { authorization: 'Bearer ' + key }, json: { user_id: 'user_123' } }).json());`,
	'peer: @clerk/backend': `import { createClerkClient } from '@clerk/backend';
		export default async (key) => { const c = createClerkClient({ secretKey: key }); const t = await c.signInTokens.createSignInToken({ userId: 'user_123' }); return c.signInTokens.revokeSignInToken(t.id); };`,
};

/**
 * The same entry importing this package's source instead of the packed package, for a resolveDir
 * at the repository root.
 *
 * @param entry An entry of `entries` that imports from `clerk-sign-in-tokens/<subpath>`.
 * @returns The entry importing `./src/<subpath>.ts`.
 */
export const fromSource = (entry) => entry.replace(new RegExp(`'${P}/([\\w/-]+)'`, 'g'), (_, subpath) => `'./${ENTRIES[subpath]}'`);
