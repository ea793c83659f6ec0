// `clerk-sign-in-tokens fake`: the newcomer's first minute — serve the fake, export the line it
// prints, and create, decode and revoke against it, with no account and no key of their own.
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Io } from '../../src/cli/main.ts';

beforeEach(() => nock.enableNetConnect('127.0.0.1'));
afterEach(() => nock.disableNetConnect());

function capture(env: Record<string, string | undefined> = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const io: Io = { out: (line) => void out.push(line), err: (line) => void err.push(line), env };
	return { io, out, err };
}

// Serves the fake until `stop`; resolves `ready` with its first stdout line.
function serve(argv: string[]) {
	const stop = new AbortController();
	const { io, out, err } = capture();
	let ready: (line: string) => void = () => {};
	const first = new Promise<string>((resolve) => (ready = resolve));
	io.out = (line) => {
		out.push(line);
		if (out.length === 1) ready(line);
	};
	io.signal = stop.signal;
	const exited = main(['fake', ...argv], io);
	return { first, exited, stop: () => stop.abort(), out, err };
}

describe('fake', () => {
	test('prints the line to export first; then create, decode and revoke work against it with no account', async () => {
		const fake = serve([]);
		const line = await fake.first;
		const [, key, apiUrl] = /^export CLERK_SECRET_KEY=(\S+) CLERK_API_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(line) ?? [];
		const env = { CLERK_SECRET_KEY: key, CLERK_API_URL: apiUrl };

		const created = capture(env);
		const createCode = await main(['create', '--user-id', 'user_1', '--expires-in', '10m', '--json'], created.io);
		const token = JSON.parse(created.out[0] ?? '{}') as { id: string; token: string; expiresAt: string };
		const decoded = capture();
		const decodeCode = await main(['decode', token.token, '--json'], decoded.io);
		const revoked = capture(env);
		const revokeCode = await main(['revoke', token.id], revoked.io);
		fake.stop();

		expect(await fake.exited).toBe(0);
		expect([createCode, decodeCode, revokeCode]).toEqual([0, 0, 0]);
		expect(JSON.parse(decoded.out[0] ?? '{}')).toMatchObject({ signInTokenId: token.id, expired: false });
		expect(revoked.out).toEqual([`Revoked ${token.id} (revoked).`]);
		// The fake keeps real time: a 10-minute token expires about 10 minutes from now.
		expect(Math.abs(Date.parse(token.expiresAt) - (Date.now() + 600_000))).toBeLessThan(120_000);
		expect(fake.err).toContain(`POST /v1/sign_in_tokens/${token.id}/revoke 200`);
		expect(fake.err.at(-1)).toBe('Stopped.');
	});

	test('--json: the first line is its set-up, machine-readable; --users and --rate-limit are kept', async () => {
		const fake = serve(['--json', '--users', 'user_a, user_b', '--rate-limit']);
		const setup = JSON.parse(await fake.first) as Record<string, unknown>;
		fake.stop();
		await fake.exited;

		expect(setup).toEqual({
			serverURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1$/),
			apiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
			secretKey: 'sk_test_fake_clerk_key',
			users: ['user_a', 'user_b'],
			rateLimit: true,
		});
	});

	test.each([
		[['--port', '70000'], 'error: --port must be a whole number from 0 (any free port) to 65535'],
		[['--port', 'eighty'], 'error: --port must be a whole number from 0 (any free port) to 65535'],
		[['--users', 'user_1,,user_2'], 'error: --users must be user IDs separated by commas: one must not be empty'],
		[['extra'], 'error: fake takes no positional argument'],
	])('refuses %j: exit 2, nothing served', async (argv, message) => {
		const { io, err } = capture();

		expect(await main(['fake', ...argv], io)).toBe(2);
		expect(err[0]).toBe(message);
	});

	test('a port already in use is exit 2, naming it', async () => {
		const first = serve(['--json']);
		const { serverURL } = JSON.parse(await first.first) as { serverURL: string };
		const port = new URL(serverURL).port;
		const { io, err } = capture();

		const code = await main(['fake', '--port', port], io);
		first.stop();
		await first.exited;

		expect(code).toBe(2);
		expect(err[0]).toBe(`error: --port ${port} could not be bound on 127.0.0.1 (EADDRINUSE)`);
	});

	test('CLERK_API_URL with a trailing /v1 or slash is read as the same server; a bad one is a usage error', async () => {
		const fake = serve(['--json']);
		const { apiUrl, secretKey } = JSON.parse(await fake.first) as { apiUrl: string; secretKey: string };
		const codes = [];
		for (const url of [`${apiUrl}/v1`, `${apiUrl}/`, `${apiUrl}/v1/`])
			codes.push(await main(['create', '--user-id', 'user_1'], capture({ CLERK_SECRET_KEY: secretKey, CLERK_API_URL: url }).io));
		const bad = capture({ CLERK_SECRET_KEY: secretKey, CLERK_API_URL: 'http://example.com' });
		const badCode = await main(['create', '--user-id', 'user_1'], bad.io);
		fake.stop();
		await fake.exited;

		expect(codes).toEqual([0, 0, 0]);
		expect(badCode).toBe(2);
		expect(bad.err[0]).toBe('error: CLERK_API_URL must be an https: URL (http: only for localhost), without query, fragment or credentials');
	});
});
