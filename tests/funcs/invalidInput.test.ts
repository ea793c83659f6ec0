import { describe, expect, test } from 'vitest';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.ts';
import { mockClerk } from '../helpers/nock.ts';
import { KEY, recorder, testCore } from '../helpers/wire.ts';

// mockClerk() declares no interceptor: nock refuses any request, and the setup file's afterEach
// fails a test whose call reached the network through a stray interceptor.
const throwing = Object.defineProperty({}, 'userId', {
	get() {
		throw new Error('getter exploded');
	},
});
const trap = new Proxy(
	{},
	{
		get() {
			throw new Error('proxy exploded');
		},
	},
);

// A production ticket is RS256-signed: ~470 characters, past the 256 an ID may have.
const PRODUCTION_TICKET = `eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18yYWJjIiwidHlwIjoiSldUIn0.${'eyJlaXMiOjYwMCwiZXhwIjoxNzY3MjI2MjAwLCJpaWQiOiJpbnNfMmFiYyIsInNpZCI6InNpdF8yeHl6Iiwic3QiOiJzaWduX2luX3Rva2VuIn0'}.${'s'.repeat(342)}`;
const CREATE_SHAPE = "must be an object: { userId: 'user_…', expiresInSeconds?, orgId? }";

describe('invalid input', () => {
	test.each([
		['an empty userId', { userId: '' }, [{ path: 'userId', message: 'must not be empty' }]],
		['a numeric userId', { userId: 42 }, [{ path: 'userId', message: 'must be a string' }]],
		['a missing userId', {}, [{ path: 'userId', message: 'is required' }]],
		['a huge userId', { userId: 'u'.repeat(1_000_000) }, [{ path: 'userId', message: 'must be at most 256 characters' }]],
		['a zero expiresInSeconds', { userId: 'u', expiresInSeconds: 0 }, [{ path: 'expiresInSeconds', message: 'must be from 1 to 315360000 (10 years)' }]],
		['a fractional expiresInSeconds', { userId: 'u', expiresInSeconds: 1.5 }, [{ path: 'expiresInSeconds', message: 'must be an integer' }]],
		['a NaN expiresInSeconds', { userId: 'u', expiresInSeconds: Number.NaN }, [{ path: 'expiresInSeconds', message: 'must be a number' }]],
		['a string expiresInSeconds', { userId: 'u', expiresInSeconds: '3600' }, [{ path: 'expiresInSeconds', message: 'must be a number' }]],
		[
			'an expiresInSeconds over 10 years',
			{ userId: 'u', expiresInSeconds: 315_360_001 },
			[{ path: 'expiresInSeconds', message: 'must be from 1 to 315360000 (10 years)' }],
		],
		[
			'a snake_case field',
			{ user_id: 'u' },
			[
				{ path: 'request', message: 'has an unknown field "user_id" (did you mean userId?)' },
				{ path: 'userId', message: 'is required' },
			],
		],
		[
			'a misnamed lifetime',
			{ userId: 'u', expiresIn: 60 },
			[{ path: 'request', message: 'has an unknown field "expiresIn" (did you mean expiresInSeconds?)' }],
		],
		['an unknown field named like a key', { userId: 'u', [KEY]: 1 }, [{ path: 'request', message: 'has an unknown field' }]],
		['a numeric orgId', { userId: 'u', orgId: 7 }, [{ path: 'orgId', message: 'must be a string' }]],
		['an empty orgId', { userId: 'u', orgId: '' }, [{ path: 'orgId', message: 'must not be empty' }]],
		[
			'a userId with a trailing space',
			{ userId: 'user_123 ' },
			[{ path: 'userId', message: 'holds a space at character 9; IDs never hold whitespace, control or invisible characters' }],
		],
		[
			'a userId with a leading tab',
			{ userId: '\tuser_123' },
			[{ path: 'userId', message: 'holds a tab at character 1; IDs never hold whitespace, control or invisible characters' }],
		],
		[
			'a userId with a line feed',
			{ userId: 'user_123\n' },
			[{ path: 'userId', message: 'holds a line feed at character 9; IDs never hold whitespace, control or invisible characters' }],
		],
		[
			'a userId with a zero-width space',
			{ userId: 'user\u200b_123' },
			[{ path: 'userId', message: 'holds U+200B at character 5; IDs never hold whitespace, control or invisible characters' }],
		],
		[
			'an orgId with a trailing no-break space',
			{ userId: 'u', orgId: 'org_1\u00a0' },
			[{ path: 'orgId', message: 'holds U+00A0 at character 6; IDs never hold whitespace, control or invisible characters' }],
		],
		[
			'a ticket as the userId',
			{ userId: PRODUCTION_TICKET },
			[{ path: 'userId', message: "is a ticket (a sign-in token's `token`, a JWT); pass the user's ID (user_…)" }],
		],
		['undefined', undefined, [{ path: 'request', message: CREATE_SHAPE }]],
		['null', null, [{ path: 'request', message: CREATE_SHAPE }]],
		['a string', 'user_123', [{ path: 'request', message: CREATE_SHAPE }]],
		['a throwing getter', throwing, [{ path: 'request', message: 'could not be read' }]],
		['a hostile proxy', trap, [{ path: 'request', message: 'could not be read' }]],
	])('create refuses %s before any I/O', async (_, request, issues) => {
		mockClerk();
		const res = await signInTokensCreate(testCore(), request as never);

		expect(res.ok).toBe(false);
		if (res.ok) return;
		expect(res.error).toBeInstanceOf(InvalidRequestError);
		expect(res.error).toMatchObject({ kind: 'invalid-request', issues });
	});

	test.each([
		['', 'must not be empty'],
		['.', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['..', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['../x', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['a/b', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['a\\b', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['sit?x=1', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['sit#frag', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['sit%2F..', 'must not be a dot segment or contain /, \\, ?, # or %'],
		['sit 1', 'holds a space at character 4; IDs never hold whitespace, control or invisible characters'],
		['sit\u00a01', 'holds U+00A0 at character 4; IDs never hold whitespace, control or invisible characters'],
		['sit\r\nx', 'holds a carriage return at character 4; IDs never hold whitespace, control or invisible characters'],
		['sit\u0000', 'holds U+0000 at character 4; IDs never hold whitespace, control or invisible characters'],
		['sit_1\u200b', 'holds U+200B at character 6; IDs never hold whitespace, control or invisible characters'],
		['eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzaXRfMSJ9.c2ln', "is a ticket (a sign-in token's `token`, a JWT); pass the token's `id` (sit_…)"],
		[PRODUCTION_TICKET, "is a ticket (a sign-in token's `token`, a JWT); pass the token's `id` (sit_…)"],
		[`https://app.example.com/sign-in?__clerk_ticket=${PRODUCTION_TICKET}`, "is a link; pass the token's `id` (sit_…)"],
		[`https://x.clerk.accounts.dev/v1/tickets/accept?ticket=${PRODUCTION_TICKET}`, "is a link; pass the token's `id` (sit_…)"],
		['user_2abcDEF', "is a user ID; pass the sign-in token's `id` (sit_…)"],
	])('revoke refuses the ID %j before any I/O', async (signInTokenId, message) => {
		mockClerk();
		const res = await signInTokensRevoke(testCore(), { signInTokenId });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-request', issues: [{ path: 'signInTokenId', message }] },
		});
	});

	test.each([[{ signInTokenId: 7 }], [{}], [null], [42]])('revoke refuses %j before any I/O', async (request) => {
		const res = await signInTokensRevoke(testCore(), request as never);

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
	});

	test("revoke given the ID alone (@clerk/backend's call shape) says what it takes, and quotes nothing", async () => {
		mockClerk();
		const res = await signInTokensRevoke(testCore(), 'sit_123' as never);

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-request', issues: [{ path: 'request', message: "must be an object: { signInTokenId: 'sit_…' }, not the ID alone" }] },
		});
	});

	test.each([
		['the core’s own secret key', KEY],
		["another instance's live key", 'sk_live_Xy9OtherInstanceKey0123456789'],
		['a publishable key', 'pk_test_Y2xlcmsuZXhhbXBsZS5jb20k'],
	])('%s pasted into an ID field is refused before I/O, and appears nowhere in the result', async (_, key) => {
		const { fetch, seen } = recorder(Response.json({}));
		const core = testCore({ fetch });

		const results = [
			await signInTokensCreate(core, { userId: key }),
			await signInTokensCreate(core, { userId: 'user_1', orgId: key }),
			await signInTokensRevoke(core, { signInTokenId: key }),
		];

		expect(results.map((res) => !res.ok && res.error.kind === 'invalid-request' && res.error.issues)).toEqual([
			[{ path: 'userId', message: "is an API key; pass the user's ID (user_…)" }],
			[{ path: 'orgId', message: "is an API key; pass the organization's ID (org_…)" }],
			[{ path: 'signInTokenId', message: "is an API key; pass the token's `id` (sit_…)" }],
		]);
		expect(seen).toHaveLength(0);
		expect(JSON.stringify(results) + results.map((res) => !res.ok && res.error.stack).join('')).not.toContain(key.slice(8));
	});

	test('a ticket or link refused as an ID appears nowhere in the error', async () => {
		mockClerk();
		for (const signInTokenId of [PRODUCTION_TICKET, `https://app.example.com/in?__clerk_ticket=${PRODUCTION_TICKET}`]) {
			const res = await signInTokensRevoke(testCore(), { signInTokenId });
			expect(JSON.stringify(res) + String(!res.ok && res.error.stack)).not.toContain(PRODUCTION_TICKET.split('.')[2]);
		}
	});

	test.each([
		['a non-object', 5, 'options'],
		['a bad signal', { signal: 'soon' }, 'options.signal'],
		['a zero timeout', { timeoutMs: 0 }, 'options.timeoutMs'],
		['a negative retry', { retry: -1 }, 'options.retry'],
		['invalid headers', { headers: { 'bad header': 'x' } }, 'options.headers'],
		['an unknown option', { timeout: 5 }, 'options'],
		['a ClerkCore-only option', { secretKey: 'sk_test_x' }, 'options'],
	])('refuses %s as options before any I/O', async (_, options, path) => {
		const res = await signInTokensCreate(testCore(), { userId: 'u' }, options as never);

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
		expect(!res.ok && res.error.kind === 'invalid-request' && res.error.issues[0]?.path).toBe(path);
	});

	test.each([[undefined], [null], [{}], ['core']])('refuses %j as the core', async (core) => {
		const res = await signInTokensRevoke(core as never, { signInTokenId: 'sit_1' });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-request', issues: [{ path: 'core', message: 'must be a ClerkCore (made by this copy of clerk-sign-in-tokens)' }] },
		});
	});

	test('names an unknown option with a did-you-mean, and never a key-shaped one', async () => {
		const typo = await signInTokensCreate(testCore(), { userId: 'u' }, { timeout: 5 } as never);
		const pasted = await signInTokensCreate(testCore(), { userId: 'u' }, { [KEY]: 5 } as never);

		expect(!typo.ok && typo.error.message).toBe('Invalid request: options has an unknown option "timeout" (did you mean timeoutMs?)');
		expect(!pasted.ok && pasted.error.message).toBe('Invalid request: options has an unknown option');
	});

	test('lists every issue of the call at once', async () => {
		const res = await signInTokensCreate(null as never, { userId: '' }, { timeoutMs: -1 });

		expect(!res.ok && res.error.message).toBe(
			'Invalid request: core must be a ClerkCore (made by this copy of clerk-sign-in-tokens); userId must not be empty; options.timeoutMs must be 1 to 2147483647 ms',
		);
	});
});
