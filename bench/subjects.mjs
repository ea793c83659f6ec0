// The subjects every call bench measures, in one place: each does one create and one revoke against
// the bench server, timing each call with `time`, and returns true when both results are right.
import ky from 'ky';
import { ClerkCore } from '../dist/core.js';
import { signInTokensCreate } from '../dist/funcs/signInTokensCreate.js';
import { signInTokensRevoke } from '../dist/funcs/signInTokensRevoke.js';

const KEY = 'sk_test_bench_0123456789abcdef';
const passthrough = (call) => call();

/**
 * @param {string} base The bench server's origin.
 * @returns {Record<string, (time?: (call: () => Promise<unknown>) => Promise<unknown>) => Promise<boolean>>}
 */
export function makeSubjects(base) {
	const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', 'clerk-api-version': '2026-05-12' };
	const viaKy =
		(client, options = () => ({})) =>
		async (time = passthrough) => {
			const created = await time(() => client.post('sign_in_tokens', { json: { user_id: 'user_2abcDEF123' }, ...options() }).json());
			const revoked = await time(() => client.post(`sign_in_tokens/${created.id}/revoke`, options()).json());
			return created.status === 'pending' && revoked.status === 'revoked';
		};
	const viaOurs =
		(core) =>
		async (time = passthrough) => {
			const created = await time(() => signInTokensCreate(core, { userId: 'user_2abcDEF123' }));
			if (!created.ok) return false;
			const revoked = await time(() => signInTokensRevoke(core, { signInTokenId: created.value.id }));
			return created.value.status === 'pending' && revoked.ok && revoked.value.status === 'revoked';
		};
	// Loaded by its first call (a warm-up one), not by every process that imports the subjects: it is
	// the largest package here, and each of check:cpu's counted processes would load it for nothing.
	let clerk;
	const backend = async () => (clerk ??= (await import('@clerk/backend')).createClerkClient({ secretKey: KEY, apiUrl: base }));
	return {
		'raw fetch': async (time = passthrough) => {
			const created = await time(async () =>
				(await fetch(`${base}/v1/sign_in_tokens`, { method: 'POST', headers, body: JSON.stringify({ user_id: 'user_2abcDEF123' }) })).json(),
			);
			const revoked = await time(async () => (await fetch(`${base}/v1/sign_in_tokens/${created.id}/revoke`, { method: 'POST', headers })).json());
			return created.status === 'pending' && revoked.status === 'revoked';
		},
		// ky doing no more than fetch: no retries, no timeout.
		'ky lean (retry 0, no timeout)': viaKy(ky.create({ prefix: `${base}/v1/`, headers, retry: 0, timeout: false })),
		// ky doing what this SDK asks of it: POST retries and a caller's signal, no ky timeout.
		'ky + POST retries + signal': viaKy(ky.create({ prefix: `${base}/v1/`, headers, retry: { limit: 2, methods: ['post'] }, timeout: false }), () => ({
			signal: new AbortController().signal,
		})),
		'ky defaults': viaKy(ky.create({ prefix: `${base}/v1/`, headers })),
		'clerk-sign-in-tokens': viaOurs(new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1` })),
		'  same, retry: 0': viaOurs(new ClerkCore({ secretKey: KEY, serverURL: `${base}/v1`, retry: 0 })),
		'@clerk/backend': async (time = passthrough) => {
			const client = await backend();
			const created = await time(() => client.signInTokens.createSignInToken({ userId: 'user_2abcDEF123', expiresInSeconds: 600 }));
			const revoked = await time(() => client.signInTokens.revokeSignInToken(created.id));
			return created.status === 'pending' && revoked.status === 'revoked';
		},
	};
}
