// The CLI's logic, in process: main(argv, io) against the fake served on 127.0.0.1.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
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
		out: (line) => out.push(line),
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

	test('refuses a --base-url that is not https, naming the flag', async () => {
		const { code, err } = await run(['create', '--user-id', 'user_123', '--base-url', 'javascript:alert(1)', ...serverUrl()]);

		expect(code).toBe(2);
		expect(err.split('\n')[0]).toBe('error: --base-url must be an https: URL (http: only for localhost)');
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
		expect(JSON.parse(fromUrl.out)).toEqual({ signInTokenId: id, instanceId: fake.instanceId, expiresAt: '2026-11-28T14:00:00.000Z', expiresInSeconds: 7200 });
		expect(JSON.parse(fromLink.out)).toMatchObject({ instanceId: fake.instanceId });
	});

	test('decode refuses what is not a ticket, exit 2', async () => {
		const { code, err } = await run(['decode', 'not-a-ticket'], { env: {} });

		expect(code).toBe(2);
		expect(err).toBe('error: invalid-request: Invalid request: ticket is not a JWT (three base64url parts)\n  ticket: is not a JWT (three base64url parts)');
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
		// No terminal, no progress bar.
		expect([err, progress]).toEqual(['', []]);
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

	test('a file that cannot be read is a usage error naming the flag, not the path', async () => {
		const { code, err } = await run(['create', '--user-ids-file', join(dir, 'missing.txt'), ...serverUrl()]);

		expect(code).toBe(2);
		expect(err.split('\n')[0]).toBe('error: --user-ids-file could not be read');
		expect(fake.requests).toHaveLength(0);
	});
});
