import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFakeClerk } from '../src/testing/fakeClerk.ts';

// End to end: the built CLI (dist/cli.js, built by `npm test` before vitest runs) in its own
// process, against the fake served over HTTP on 127.0.0.1.
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const fake = createFakeClerk({ users: ['user_123'] });
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
	nock.enableNetConnect('127.0.0.1');
	server = await fake.listen();
});
afterAll(async () => {
	await server.close();
	nock.disableNetConnect();
});

function run(args: string[], env: Record<string, string> = { CLERK_SECRET_KEY: fake.secretKey }, interruptAfterMs?: number) {
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
		if (interruptAfterMs !== undefined) setTimeout(() => child.kill('SIGINT'), interruptAfterMs);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('clerk-sign-in-tokens CLI', () => {
	test('create prints the ticket URL alone on stdout', async () => {
		const { code, stdout, stderr } = await run(['create', '--user-id', 'user_123', '--expires-in', '1h', '--server-url', server.url]);

		expect(code).toBe(0);
		const token = [...fake.tokens.values()].at(-1);
		expect(stdout).toBe(`${token?.url}\n`);
		expect(stderr).toBe(`Created ${token?.id} for user_123 (pending).\n`);
		expect(token?.expires_at).toBe((token?.created_at ?? 0) + 3_600_000);
	});

	test('create --json prints the SignInToken exactly', async () => {
		const { code, stdout } = await run(['create', '--user-id', 'user_123', '--expires-in', '90', '--json', '--server-url', server.url]);

		expect(code).toBe(0);
		const token = [...fake.tokens.values()].at(-1);
		expect(JSON.parse(stdout)).toEqual({
			object: 'sign_in_token',
			id: token?.id,
			status: 'pending',
			userId: 'user_123',
			token: token?.token,
			url: token?.url,
			createdAt: token?.created_at,
			updatedAt: token?.updated_at,
		});
	});

	test('revoke revokes, and a second revoke exits 4 with the kind, message and trace id', async () => {
		const created = await run(['create', '--user-id', 'user_123', '--json', '--server-url', server.url]);
		const { id } = JSON.parse(created.stdout) as { id: string };

		const first = await run(['revoke', id, '--server-url', server.url]);
		const second = await run(['revoke', id, '--server-url', server.url]);

		expect(first).toEqual({ code: 0, stdout: `Revoked ${id} (revoked).\n`, stderr: '' });
		expect(second.code).toBe(4);
		expect(second.stdout).toBe('');
		expect(second.stderr).toMatch(
			/^error: api: Request failed with status 400: Sign in token cannot be revoked because its status is revoked\.\ntrace id: [0-9a-f]{32}\n$/,
		);
	});

	test('exits 3 without a key, and never prints one it was given', async () => {
		const missing = await run(['create', '--user-id', 'user_123', '--server-url', server.url], {});
		const wrong = await run(['create', '--user-id', 'user_123', '--server-url', server.url], { CLERK_SECRET_KEY: 'sk_test_wrong_key_value' });

		expect(missing.code).toBe(3);
		expect(missing.stderr).toBe('error: secret-key: Secret key is not configured: pass `secretKey` or set CLERK_SECRET_KEY\n');
		expect(wrong.code).toBe(4);
		expect(wrong.stdout + wrong.stderr).not.toContain('sk_test_wrong_key_value');
	});

	test.each([
		[['create'], 'error: create needs --user-id'],
		[['create', '--user-id', 'u', '--expires-in', '1 week'], 'error: --expires-in must be seconds or a number with s, m, h or d, not "1 week"'],
		[['revoke'], 'error: unknown or incomplete command: revoke'],
		[['frobnicate'], 'error: unknown or incomplete command: frobnicate'],
		[['--nope'], "error: Unknown option '--nope'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--nope\""],
		[['create', '--user-id', 'u', '--server-url', 'http://example.com'], 'error: Invalid ClerkCore config: config.serverURL must be an https: URL (http: only for localhost, 127.0.0.0/8 or [::1]) without query, fragment or credentials'],
	])('exits 2 on bad usage: %j', async (args, message) => {
		const { code, stdout, stderr } = await run(args);

		expect(code).toBe(2);
		expect(stdout).toBe('');
		expect(stderr.split('\n')[0]).toBe(message);
	});

	test('exits 2 listing the issues of an invalid ID, before any request', async () => {
		const before = fake.requests.length;
		const { code, stderr } = await run(['revoke', '../etc', '--server-url', server.url]);

		expect(code).toBe(2);
		expect(stderr).toContain('signInTokenId: must not contain /');
		expect(fake.requests).toHaveLength(before);
	});

	test('exits 8 when interrupted mid-call, with no stack trace', async () => {
		fake.latencyMs = 10_000;
		try {
			const { code, stdout, stderr } = await run(['create', '--user-id', 'user_123', '--server-url', server.url], undefined, 400);

			expect(code).toBe(8);
			expect(stdout).toBe('');
			expect(stderr).toBe('error: aborted: Request was aborted by the caller\n');
		} finally {
			fake.latencyMs = 0;
		}
	});

	test('--help and --version', async () => {
		const help = await run(['--help']);
		const version = await run(['--version']);

		expect(help.code).toBe(0);
		expect(help.stdout).toContain('clerk-sign-in-tokens create --user-id <id>');
		expect(help.stdout).toContain('Exit codes: 0 ok, 1 unexpected, 2 usage or invalid input, 3 secret key, 4 Clerk API error');
		expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
	});
});
