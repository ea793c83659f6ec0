import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { anyValue, optionsLike, requestLike } from './arbitraries.ts';
import { wireToken } from '../helpers/wire.ts';
import { transport } from '../../src/transport.ts';

const KEY = 'sk_test_fuzz_0123456789abcdef';
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const ops = [signInTokensCreate, signInTokensRevoke] as const;

/** A core whose fetch counts what reaches it and answers a valid token. */
function counted(config: Record<string, unknown> = {}) {
	const seen: Request[] = [];
	const core = new ClerkCore({
		transport: transport({
			fetch: async (request) => {
				seen.push(request);
				return Response.json(wireToken);
			},
		}),
		secretKey: KEY,
		retry: 0,
		...config,
	});
	return { core, seen };
}

describe('property: any argument', () => {
	test('a function never throws or rejects, always returns a Result, and sends nothing for invalid input', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(0, 1), requestLike, optionsLike, async (which, request, options) => {
				const { core, seen } = counted();
				const res = await ops[which](core, request as never, options as never);
				expect(typeof res.ok).toBe('boolean');
				if (!res.ok) {
					expect(res.error).toBeInstanceOf(Error);
					if (res.error.kind === 'invalid-request') expect(seen).toHaveLength(0);
				}
			}),
			{ numRuns: RUNS },
		);
	});

	test('any value as the core gives a Result, never a throw', async () => {
		await fc.assert(
			fc.asyncProperty(anyValue, fc.constantFrom(0, 1), async (core, which) => {
				const res = await ops[which](core as never, (which === 0 ? { userId: 'u' } : { signInTokenId: 's' }) as never);
				expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
			}),
			{ numRuns: RUNS },
		);
	});

	test('ClerkCore either accepts a config or throws a TypeError, nothing else', () => {
		const configLike = fc.oneof(
			anyValue,
			fc.record(
				{
					secretKey: anyValue,
					serverURL: anyValue,
					apiVersion: anyValue,
					timeoutMs: anyValue,
					retry: anyValue,
					fetch: anyValue,
					hooks: anyValue,
					headers: anyValue,
					maxResponseBytes: anyValue,
					logger: anyValue,
				},
				{ requiredKeys: [] },
			),
			fc.dictionary(fc.string(), anyValue),
		);
		fc.assert(
			fc.property(configLike, (config) => {
				try {
					new ClerkCore(config as never);
				} catch (error) {
					expect(error).toBeInstanceOf(TypeError);
					expect((error as Error).message).toMatch(/^Invalid ClerkCore config: /);
				}
			}),
			{ numRuns: RUNS },
		);
	});
});

// The documented table: 2xx → ok when the body is a SignInToken, else invalid-response; any other
// status → api with that status. (1xx never reaches a fetch caller; the platform handles it.)
describe('property: any server response', () => {
	const nullBody = new Set([204, 205, 304]);
	test('always a Result whose kind follows the status table', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 200, max: 599 }),
				fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,20}$/), fc.stringMatching(/^[\x21-\x7e ]{0,40}$/), { maxKeys: 5 }),
				fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.constant(new TextEncoder().encode(JSON.stringify(wireToken)))),
				fc.constantFrom(0, 1),
				async (status, headers, body, which) => {
					const core = new ClerkCore({
						transport: transport({ fetch: async () => new Response(nullBody.has(status) ? null : body, { status, headers }) }),
						secretKey: KEY,
						retry: 0,
					});
					const res = await ops[which](core, (which === 0 ? { userId: 'u' } : { signInTokenId: 's' }) as never);
					if (status < 300) {
						const valid = !nullBody.has(status) && new TextDecoder().decode(body) === JSON.stringify(wireToken);
						expect(res.ok ? 'ok' : res.error.kind).toBe(valid ? 'ok' : 'invalid-response');
					} else {
						expect(res).toMatchObject({ ok: false, error: { kind: 'api', status } });
					}
				},
			),
			{ numRuns: RUNS },
		);
	});
});

// Any secret key, any echo, any thrown shape: tests/pipeline/secrecy.test.ts.

describe('property: any path parameter', () => {
	test('the request goes to exactly /v1/sign_in_tokens/<encoded id>/revoke, or is refused before I/O', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('.', '..', '%2e%2e', 'a/../b', 'sit_ok', '\u2028', '\ud800')),
				async (id) => {
					const { core, seen } = counted();
					const res = await signInTokensRevoke(core, { signInTokenId: id });
					if (seen.length === 0) {
						expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
					} else {
						expect(seen).toHaveLength(1);
						expect(new URL(seen[0]?.url ?? '').pathname).toBe(`/v1/sign_in_tokens/${encodeURIComponent(id)}/revoke`);
					}
				},
			),
			{ numRuns: RUNS * 2 },
		);
	});
});
