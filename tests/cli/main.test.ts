// The CLI's logic, in process: main(argv, io) against the fake served on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/main.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import { serveFake } from '../helpers/nock.ts';
import { loopback } from '../helpers/loopback.ts';

const fake = createFakeClerk({ users: ['user_123', 'user_456', 'user_789'], now: Date.UTC(2026, 10, 28, 12) });
const dir = mkdtempSync(join(tmpdir(), 'cli-'));

const server = serveFake(fake);
beforeEach(() => {
	fake.requests.length = 0;
});

async function run(argv: string[], io: Partial<Io> = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const progress: string[] = [];
	const code = await main(argv, {
		out: (line) => void out.push(line),
		err: (line) => err.push(line),
		progress: (text) => progress.push(text),
		env: { CLERK_SECRET_KEY: fake.secretKey },
		now: () => Date.UTC(2026, 10, 28, 12),
		...io,
	});
	return { code, out: out.join('\n'), err: err.join('\n'), progress };
}

const serverUrl = () => ['--server-url', server.url];

describe('create', () => {
	test('prints the ticket URL alone on stdout, and the expiry on stderr', async () => {
		const { code, out, err } = await run(['create', '--user-id', 'user_123', '--expires-in', '1h', ...serverUrl()]);

		const token = [...fake.tokens.values()].at(-1);
		expect(code).toBe(0);
		expect(out).toBe(token?.url);
		expect(err).toBe(`Created ${token?.id} for user_123 (pending), expires 2026-11-28T13:00:00.000Z (in 60 min).`);
	});

	test('prints a link to your own page with --base-url and --redirect-url', async () => {
		const { code, out } = await run([
			'create',
			'--user-id',
			'user_123',
			'--base-url',
			'https://app.example.com/sign-in',
			'--redirect-url',
			'/welcome',
			...serverUrl(),
		]);

		const token = [...fake.tokens.values()].at(-1);
		expect(code).toBe(0);
		expect(out).toBe(`https://app.example.com/sign-in?__clerk_ticket=${token?.token}&redirect_url=https%3A%2F%2Fapp.example.com%2Fwelcome`);
	});

	test('--json prints the token with its decoded expiry and the trace ID', async () => {
		const { code, out } = await run(['create', '--user-id', 'user_123', '--expires-in', '90', '--json', ...serverUrl()]);

		const token = [...fake.tokens.values()].at(-1);
		expect(code).toBe(0);
		expect(JSON.parse(out)).toEqual({
			object: 'sign_in_token',
			id: token?.id,
			status: 'pending',
			userId: 'user_123',
			token: token?.token,
			url: token?.url,
			createdAt: token?.created_at,
			updatedAt: token?.updated_at,
			expiresAt: '2026-11-28T12:01:30.000Z',
			traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
	});

	test.each([
		[['--base-url', 'javascript:alert(1)'], 'error: --base-url must be an https: URL (http: only for localhost)'],
		[['--base-url', 'http://evil.example'], 'error: --base-url must be an https: URL (http: only for localhost)'],
		[['--base-url', 'https://app.example.com@evil.example/in'], 'error: --base-url must not carry credentials (user:password@)'],
		[
			['--base-url', 'https://app.example.com/in', '--redirect-url', 'javascript:alert(1)'],
			'error: --redirect-url must be an https: URL (http: only for localhost)',
		],
		[['--base-url', 'https://app.example.com/in', '--redirect-url', '#done'], 'error: --redirect-url leads back to the sign-in page itself'],
	])('refuses %j before minting anything, naming the flag', async (flags, message) => {
		const { code, err } = await run(['create', '--user-id', 'user_123', ...flags, ...serverUrl()]);

		expect(code).toBe(2);
		expect(err.split('\n')[0]).toBe(message);
		expect(fake.requests).toHaveLength(0);
	});

	test('refuses a user ID with an invisible trailing space before I/O, saying where', async () => {
		const { code, err } = await run(['create', '--user-id', 'user_123 ', ...serverUrl()]);

		expect(code).toBe(2);
		expect(err).toBe('error: invalid-request: userId holds a space at character 9; IDs never hold whitespace, control or invisible characters');
		expect(fake.requests).toHaveLength(0);
	});

	test('--json prints exactly one line, so `| head -1` and jq read it whole', async () => {
		const created = await run(['create', '--user-id', 'user_123', '--json', ...serverUrl()]);
		const revoked = await run(['revoke', (JSON.parse(created.out) as { id: string }).id, '--json', ...serverUrl()]);
		const failed = await run(['revoke', 'sit_nobody', '--json', ...serverUrl()]);

		for (const { out } of [created, revoked, failed]) {
			expect(out.split('\n')).toHaveLength(1);
			expect(() => JSON.parse(out)).not.toThrow();
		}
	});

	test('a token Clerk sends without a usable link is revoked at once, not left live: exit 7', async () => {
		const handle = fake.handle;
		fake.handle = async (request) => {
			const response = await handle(request);
			if (!request.url.endsWith('/sign_in_tokens')) return response;
			const token = (await response.json()) as Record<string, unknown>;
			return Response.json({ ...token, url: `${token.url}\r\nSet-Cookie: x=1` });
		};
		try {
			const { code, err } = await run(['create', '--user-id', 'user_123', ...serverUrl()]);

			const token = [...fake.tokens.values()].at(-1);
			expect(code).toBe(7);
			expect(token?.status).toBe('revoked');
			expect(err).toBe(
				`error: invalid-response: Invalid response with status 200: token ${token?.id} has no usable link (token.url holds whitespace or control characters, which a URL never carries raw); it was revoked`,
			);
		} finally {
			fake.handle = handle;
		}
	});

	test('prints 30 days as days', async () => {
		const { err } = await run(['create', '--user-id', 'user_123', '--expires-in', '30d', ...serverUrl()]);

		expect(err).toMatch(/expires 2026-12-28T12:00:00\.000Z \(in 30 days\)\.$/);
	});
});

describe('revoke and decode', () => {
	test('revoke revokes; a second revoke exits 4 with the kind, message and trace ID', async () => {
		const created = await run(['create', '--user-id', 'user_123', '--json', ...serverUrl()]);
		const { id } = JSON.parse(created.out) as { id: string };

		const first = await run(['revoke', id, ...serverUrl()]);
		const second = await run(['revoke', id, ...serverUrl()]);

		expect(first).toMatchObject({ code: 0, out: `Revoked ${id} (revoked).`, err: '' });
		expect(second.code).toBe(4);
		expect(second.err).toMatch(
			/^error: api: Request failed with status 400: Sign in token cannot be revoked because its status is revoked\. Only pending tokens can be revoked\.\ntrace id: [0-9a-f]{32}$/,
		);
	});

	test('decode prints what a ticket, or a link carrying one, states — without a key', async () => {
		const created = await run(['create', '--user-id', 'user_123', '--expires-in', '2h', '--json', ...serverUrl()]);
		const { id, token, url } = JSON.parse(created.out) as { id: string; token: string; url: string };
		const link = (await run(['create', '--user-id', 'user_123', '--base-url', 'https://app.example.com/in', ...serverUrl()])).out;

		const fromTicket = await run(['decode', token], { env: {} });
		const fromUrl = await run(['decode', url, '--json'], { env: {} });
		const fromLink = await run(['decode', link, '--json'], { env: {} });

		expect(fromTicket.code).toBe(0);
		expect(fromTicket.out).toBe(
			`sign-in token: ${id}\ninstance:      ${fake.instanceId}\nexpires:       2026-11-28T14:00:00.000Z (in 2 h)\n(read from the ticket, not verified: for display, never for authorization)`,
		);
		expect(JSON.parse(fromUrl.out)).toEqual({
			signInTokenId: id,
			instanceId: fake.instanceId,
			expiresAt: '2026-11-28T14:00:00.000Z',
			expiresInSeconds: 7200,
			expired: false,
		});
		expect(JSON.parse(fromLink.out)).toMatchObject({ instanceId: fake.instanceId });
	});

	test('decode of a link without a ticket says so', async () => {
		const { code, err } = await run(['decode', 'https://app.example.com/sign-in?foo=1'], { env: {} });

		expect({ code, err }).toEqual({ code: 2, err: "error: invalid-request: link carries no __clerk_ticket (nor a hosted link's ticket)" });
	});

	test('decode --json says whether the ticket has expired', async () => {
		const created = await run(['create', '--user-id', 'user_123', '--expires-in', '60', '--json', ...serverUrl()]);
		const { token } = JSON.parse(created.out) as { token: string };

		const later = await run(['decode', token, '--json'], { env: {}, now: () => Date.UTC(2026, 10, 28, 13) });
		const human = await run(['decode', token], { env: {}, now: () => Date.UTC(2026, 10, 28, 13) });

		expect(JSON.parse(later.out)).toMatchObject({ expiresAt: '2026-11-28T12:01:00.000Z', expired: true });
		expect(human.out.split('\n')[2]).toBe('expires:       2026-11-28T12:01:00.000Z (expired)');
	});

	test('decode refuses an expiry no date can hold: exit 2, no stack', async () => {
		const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const ticket = `${b64({ alg: 'RS256' })}.${b64({ st: 'sign_in_token', sid: 'sit_1', iid: 'ins_1', exp: 1e13 })}.c2ln`;

		const { code, err } = await run(['decode', ticket], { env: {} });

		expect({ code, err }).toEqual({ code: 2, err: 'error: invalid-request: ticket has an expiry ("exp") beyond what a date can hold' });
	});

	test('decode refuses what is not a ticket, exit 2', async () => {
		const { code, err } = await run(['decode', 'not-a-ticket'], { env: {} });

		expect(code).toBe(2);
		// Said once: the issue is the message.
		expect(err).toBe('error: invalid-request: ticket is not a JWT (three base64url parts)');
	});
});

describe('what a server says is printed inert', () => {
	// ESC ] 0 ; … BEL retitles a terminal, ESC [ 2 J clears it, 0x9B is a one-byte CSI, U+202E
	// reverses what follows, a line break forges a line: none may reach the operator's terminal as itself.
	const hostile = 'user \u001b]0;pwned\u0007not found\u001b[2J \u009b31m \u202eevil\nCreated sit_forged for user_123 (pending).';
	// eslint-disable-next-line no-control-regex -- control characters are exactly what must be absent
	const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;
	const answer = () => fake.failNext(1, { status: 404, body: JSON.stringify({ errors: [{ code: 'resource_not_found', message: hostile }] }) });

	test('as text: every control (line breaks too), C1 and bidi character is written as its \\u escape', async () => {
		answer();

		const { code, err } = await run(['create', '--user-id', 'user_123', ...serverUrl()]);

		expect(code).toBe(4);
		expect(err).toContain('user \\u001b]0;pwned\\u0007not found\\u001b[2J \\u009b31m \\u202eevil\\u000aCreated sit_forged');
		// The server's line break cannot forge a line of the CLI's own.
		expect(err.split('\n').filter((line) => line.startsWith('Created'))).toEqual([]);
		expect(err).not.toMatch(ACTIVE);
	});

	test('as JSON Lines: the escapes are JSON escapes, so the line parses back to what the server said', async () => {
		answer();

		const { code, out } = await run(['create', '--user-id', 'user_123', '--json', ...serverUrl()]);

		expect(code).toBe(4);
		expect(out).not.toMatch(ACTIVE);
		expect(JSON.parse(out).error.message).toContain(hostile);
	});
});

describe('usage', () => {
	test.each([
		[['create'], 'error: create needs --user-id (or --user-ids-file)', 'usage: clerk-sign-in-tokens create --user-id'],
		[['revoke'], 'error: revoke needs the sign-in token ID', 'usage: clerk-sign-in-tokens revoke <sign_in_token_id> [--json]'],
		[['revoke', 'a', 'b'], 'error: revoke takes one sign-in token ID', 'usage: clerk-sign-in-tokens revoke'],
		[['create', '--userid', 'u'], 'error: argument 2 (--userid) is not a known option; did you mean --user-id?', 'Run clerk-sign-in-tokens --help'],
		[['crate', '--user-id', 'u'], 'error: argument 1 is not a command; did you mean create?', 'Run clerk-sign-in-tokens --help'],
		[
			['create', '--user-id', 'u', '--expires-in', '1 week'],
			'error: --expires-in must be whole seconds, or a number with s, m, h or d (30m, 1h, 7d)',
			'usage:',
		],
		[['create', '--user-id'], 'error: --user-id needs a value', 'Run clerk-sign-in-tokens --help'],
		[
			['create', '--user-id', 'u1', '--user-id', 'u2'],
			'error: --user-id is given twice; for many users, use --user-ids-file',
			'Run clerk-sign-in-tokens --help',
		],
		[['create', '--user-id', 'u', '--expires-in', '1h', '--expires-in=2h'], 'error: --expires-in is given twice', 'Run clerk-sign-in-tokens --help'],
		[['create', '--user-id', 'u', '--redirect-url', 'https://x.example'], 'error: --redirect-url needs --base-url', 'usage:'],
		[
			['create', '--user-id', 'u', '--server-url', 'http://example.com'],
			'error: --server-url must be an https: URL (http: only for localhost), without query, fragment or credentials',
			'Run clerk-sign-in-tokens --help',
		],
		[[], 'error: no command given', 'Run clerk-sign-in-tokens --help'],
	])('exits 2 for %j', async (argv, first, second) => {
		const { code, out, err } = await run(argv);

		expect(code).toBe(2);
		expect(out).toBe('');
		expect(err.split('\n')[0]).toBe(first);
		expect(err.split('\n')[1]).toContain(second);
	});

	test.each([
		['a flag', ['create', '--user-id', 'u', `--${'sk_live_'}Xy9SECRETvalue123`]],
		['a command', [`sk_live_Xy9SECRETvalue123`]],
		['an =value', ['create', `--key=sk_live_Xy9SECRETvalue123`]],
		['a positional of create', ['create', '--user-id', 'u', 'sk_live_Xy9SECRETvalue123']],
	])('never echoes a key pasted into argv as %s', async (_, argv) => {
		const { code, out, err } = await run(argv);

		expect(code).toBe(2);
		expect(out + err).not.toContain('SECRETvalue');
	});

	test('help works as a command, and for one command', async () => {
		const all = await run(['help'], { env: {} });
		const one = await run(['help', 'revoke'], { env: {} });

		expect(all.code).toBe(0);
		expect(all.out).toContain('export CLERK_SECRET_KEY=sk_live_…');
		expect(all.out).toContain('9 a batch in which some users');
		expect(one.out).toBe('usage: clerk-sign-in-tokens revoke <sign_in_token_id> [--json]');
	});

	test('reports a usage mistake before a missing key', async () => {
		const { code, err } = await run(['create'], { env: {} });

		expect(code).toBe(2);
		expect(err.split('\n')[0]).toBe('error: create needs --user-id (or --user-ids-file)');
	});

	test('without CLERK_SECRET_KEY, speaks to a CLI user', async () => {
		const { code, err } = await run(['create', '--user-id', 'u'], { env: {} });

		expect(code).toBe(3);
		expect(err).toBe('error: secret-key: CLERK_SECRET_KEY is not set: export CLERK_SECRET_KEY=sk_… (the key is never taken from a flag)');
	});
});

describe('--json errors', () => {
	test('an API error: kind, message, status, code and trace ID', async () => {
		const { code, out } = await run(['revoke', 'sit_unknown', '--json', ...serverUrl()]);

		expect(code).toBe(4);
		expect(JSON.parse(out)).toEqual({
			ok: false,
			error: {
				kind: 'api',
				message: 'Request failed with status 404: Resource not found',
				status: 404,
				code: 'resource_not_found',
				traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
			},
		});
	});

	test("a connection error carries its cause's code", async () => {
		// A port nothing listens on: bound, noted, closed.
		const closed = await loopback(() => undefined);
		await closed.close();
		const { code, out } = await run(['create', '--user-id', 'u', '--json', '--server-url', `${closed.origin}/v1`]);

		expect(code).toBe(5);
		expect(JSON.parse(out)).toMatchObject({ ok: false, error: { kind: 'connection', cause: { code: 'ECONNREFUSED' } } });
	});

	test('usage errors and a missing key are JSON too', async () => {
		expect(JSON.parse((await run(['create', '--json'])).out)).toEqual({
			ok: false,
			error: { kind: 'usage', message: 'create needs --user-id (or --user-ids-file)' },
		});
		expect(JSON.parse((await run(['create', '--user-id', 'u', '--json'], { env: {} })).out)).toMatchObject({ ok: false, error: { kind: 'secret-key' } });
	});
});

describe('batches: --user-ids-file', () => {
	const file = (name: string, text: string) => {
		const path = join(dir, name);
		writeFileSync(path, text);
		return path;
	};

	test('one JSON line per user, blank lines and comments skipped; exit 0 when all succeed', async () => {
		const path = file('ok.txt', '# users to invite\nuser_123\n\n  user_456  \nuser_789\n');

		const { code, out, err, progress } = await run(['create', '--user-ids-file', path, '--base-url', 'https://app.example.com/in', ...serverUrl()]);

		const lines = out.split('\n').map((line) => JSON.parse(line) as { userId: string; ok: boolean; id: string; url: string; expiresAt: string });
		expect(code).toBe(0);
		expect(lines.map((l) => l.userId).sort()).toEqual(['user_123', 'user_456', 'user_789']);
		for (const line of lines) {
			expect(line).toEqual({
				userId: line.userId,
				ok: true,
				id: expect.stringMatching(/^sit_/),
				url: expect.stringMatching(/^https:\/\/app\.example\.com\/in\?__clerk_ticket=/),
				expiresAt: '2026-12-28T12:00:00.000Z',
				traceId: expect.any(String),
			});
		}
		// No terminal, no progress bar: only the summary.
		expect([err, progress]).toEqual(['created 3, failed 0', []]);
	});

	test('exit 9 when some users failed, each failure on its own line', async () => {
		const path = file('partial.txt', 'user_123\nuser_nobody\n');

		const { code, out } = await run(['create', '--user-ids-file', path, ...serverUrl()]);

		const lines = out.split('\n').map((line) => JSON.parse(line) as { userId: string; ok: boolean });
		expect(code).toBe(9);
		expect(lines.find((l) => l.userId === 'user_nobody')).toEqual({
			userId: 'user_nobody',
			ok: false,
			error: expect.objectContaining({ kind: 'api', status: 404, code: 'resource_not_found' }),
		});
	});

	test('a key pasted into the file is refused before I/O and never printed back', async () => {
		const path = file('keys.txt', `user_123\n${fake.secretKey}\nsk_live_Xy9OtherInstanceKey0123456789\n`);

		const { code, out, err } = await run(['create', '--user-ids-file', path, ...serverUrl()]);

		const lines = out.split('\n').map((line) => JSON.parse(line) as { userId: string; ok: boolean; error?: { kind: string } });
		expect(code).toBe(9);
		expect(lines.filter((l) => !l.ok).map((l) => [l.userId, l.error?.kind])).toEqual([
			['[withheld: an API key]', 'invalid-request'],
			['[withheld: an API key]', 'invalid-request'],
		]);
		expect(fake.requests.map((r) => (r.body as { user_id: string }).user_id)).toEqual(['user_123']);
		expect(out + err).not.toContain(fake.secretKey);
		expect(out + err).not.toContain('Xy9OtherInstanceKey');
	});

	test('reads stdin for -', async () => {
		const { code, out } = await run(['create', '--user-ids-file', '-', ...serverUrl()], { stdin: () => Readable.from(['user_123\nuser_4', '56\n']) });

		expect(code).toBe(0);
		expect(
			out
				.split('\n')
				.map((line) => (JSON.parse(line) as { userId: string }).userId)
				.sort(),
		).toEqual(['user_123', 'user_456']);
	});

	test('draws progress on a terminal only', async () => {
		const path = file('tty.txt', 'user_123\nuser_456\n');

		const { progress } = await run(['create', '--user-ids-file', path, ...serverUrl()], { errIsTTY: true });

		expect(progress.at(-2)).toBe('\r[==============================] 2/2  ok 2  failed 0');
		expect(progress.at(-1)).toBe('\n');
	});

	test('a file that cannot be read is a usage error naming the flag, the path and why', async () => {
		const missing = await run(['create', '--user-ids-file', join(dir, 'missing.txt'), ...serverUrl()]);
		const folder = await run(['create', '--user-ids-file', dir, ...serverUrl()]);
		const keyLike = await run(['create', '--user-ids-file', 'sk_live_Xy9SECRETvalue123', ...serverUrl()]);

		expect(missing).toMatchObject({ code: 2, err: `error: --user-ids-file ${join(dir, 'missing.txt')} could not be read (ENOENT: no such file)` });
		expect(folder).toMatchObject({ code: 2, err: `error: --user-ids-file ${dir} could not be read (EISDIR: it is a directory)` });
		expect(keyLike.err).toBe('error: --user-ids-file (a path that looks like a key) could not be read (ENOENT: no such file)');
		expect(fake.requests).toHaveLength(0);
	});

	test.each([
		['an empty file', ''],
		['a file of comments and blank lines', '# nobody yet\n\n   \n# still nobody\n'],
	])('%s: "no user ids read", exit 2, nothing sent', async (_, text) => {
		const { code, out, err } = await run(['create', '--user-ids-file', file('none.txt', text), ...serverUrl()]);

		expect({ code, out, err }).toEqual({
			code: 2,
			out: '',
			err: 'created 0, failed 0\nerror: no user ids read (the input was empty, or held only blank lines and # comments)',
		});
		expect(fake.requests).toHaveLength(0);
	});

	test('prints a line for every user, whatever one ticket holds', async () => {
		const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const handle = fake.handle;
		fake.handle = async (request) => {
			const response = await handle(request);
			const token = (await response.json()) as Record<string, unknown>;
			if (token.user_id !== 'user_456') return Response.json(token, response);
			const ticket = `${b64({ alg: 'RS256' })}.${b64({ st: 'sign_in_token', sid: token.id, iid: 'ins_1', exp: 1e13 })}.c2ln`;
			return Response.json({ ...token, token: ticket }, response);
		};
		try {
			const { code, out } = await run(['create', '--user-ids-file', file('odd.txt', 'user_123\nuser_456\nuser_789\n'), ...serverUrl()]);

			const lines = out.split('\n').map((line) => JSON.parse(line) as { userId: string; ok: boolean; expiresAt?: string });
			expect(code).toBe(0);
			expect(lines.map((l) => l.userId).sort()).toEqual(['user_123', 'user_456', 'user_789']);
			expect(lines.find((l) => l.userId === 'user_456')).toMatchObject({ ok: true });
			expect(lines.find((l) => l.userId === 'user_456')?.expiresAt).toBeUndefined();
		} finally {
			fake.handle = handle;
		}
	});

	test('ends with a one-line summary on stderr, failures included', async () => {
		const { code, err } = await run(['create', '--user-ids-file', file('sum.txt', 'user_123\nuser_nobody\nuser_456\n'), ...serverUrl()]);

		expect(code).toBe(9);
		expect(err).toBe('created 2, failed 1');
	});

	test('a bad --base-url or --redirect-url is refused before anything is read or sent', async () => {
		const base = await run(['create', '--user-ids-file', file('b.txt', 'user_123\n'), '--base-url', 'javascript:alert(1)', ...serverUrl()]);
		const redirect = await run([
			'create',
			'--user-ids-file',
			file('r.txt', 'user_123\n'),
			'--base-url',
			'https://a.example/in',
			'--redirect-url',
			'javascript:x',
			...serverUrl(),
		]);

		expect(base).toMatchObject({ code: 2, out: '' });
		expect(base.err.split('\n')[0]).toBe('error: --base-url must be an https: URL (http: only for localhost)');
		expect(redirect.err.split('\n')[0]).toBe('error: --redirect-url must be an https: URL (http: only for localhost)');
		expect(fake.requests).toHaveLength(0);
	});

	test('stops when stdout is closed: nothing more is sent, and every token not printed is named on stderr, exit 8', async () => {
		const users = Array.from({ length: 40 }, (_, i) => `user_${i}`);
		for (const user of users) fake.users.add(user);
		const before = new Set(fake.tokens.keys());
		const closed = new AbortController();
		const printed: string[] = [];
		const { code, err } = await run(['create', '--user-ids-file', file('many.txt', users.join('\n')), '--concurrency', '2', ...serverUrl()], {
			outClosed: closed.signal,
			// The reader leaves after two lines (`| head -2`): the second write finds it gone.
			out: (line) => {
				if (printed.length === 2) closed.abort();
				else printed.push(line);
			},
		});

		const created = [...fake.tokens.keys()].filter((id) => !before.has(id));
		const printedIds = printed.map((line) => (JSON.parse(line) as { id: string }).id);
		const unprinted = created.filter((id) => !printedIds.includes(id));
		expect(code).toBe(8);
		expect(fake.requests.length).toBeLessThanOrEqual(4);
		expect(unprinted.length).toBeGreaterThan(0);
		expect(err).toContain(`${unprinted.length} token(s) were created and not printed`);
		expect(
			err
				.split('\n')
				.find((line) => line.startsWith('  sit_'))
				?.trim()
				.split(' ')
				.sort(),
		).toEqual(unprinted.sort());
		expect(err.split('\n').at(-1)).toMatch(new RegExp(`^created ${created.length}, failed 0, (stopped \\d+, )?not printed ${unprinted.length}$`));
	});

	test('Ctrl-C while stdin stays open ends the batch: stdin is released, exit 8', async () => {
		const controller = new AbortController();
		const stdin = new PassThrough();
		stdin.write('user_123\n');
		const running = run(['create', '--user-ids-file', '-', ...serverUrl()], {
			stdin: () => stdin,
			signal: controller.signal,
			out: (line) => {
				outLines.push(line);
				controller.abort(new Error('SIGINT'));
			},
		});
		const outLines: string[] = [];

		const { code, err } = await running;

		expect(code).toBe(8);
		expect(outLines).toHaveLength(1);
		expect(stdin.destroyed).toBe(true);
		expect(err).toContain('Stopping: nothing more is sent');
	});
});
