// The built CLI in its own process (dist/cli.js, built by `npm test` before vitest runs): what only
// a real process shows — exit codes, signals, a closed pipe, no stack traces.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, test } from 'vitest';
import { createFakeClerk } from '../../src/testing/index.ts';
import { serveFake } from '../helpers/nock.ts';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const fake = createFakeClerk({ users: Array.from({ length: 300 }, (_, i) => `user_${i}`) });
// Resolves when the fake has received `n` requests: the events the tests wait for.
let arrived = 0;
let waiters: { n: number; resolve: () => void }[] = [];
const handle = fake.handle;
fake.handle = (request) => {
	arrived++;
	for (const waiter of waiters.filter((w) => arrived >= w.n)) waiter.resolve();
	waiters = waiters.filter((w) => arrived < w.n);
	return handle(request);
};
const received = (n: number) => new Promise<void>((resolve) => (arrived >= n ? resolve() : waiters.push({ n, resolve })));

const server = serveFake(fake);
beforeEach(() => {
	fake.requests.length = 0;
	arrived = 0;
	fake.latencyMs = 0;
});

function start(args: string[], env: Record<string, string> = { CLERK_SECRET_KEY: fake.secretKey }) {
	const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
	const stderrSays = (text: string) =>
		new Promise<void>((resolve) => {
			const check = () => stderr.includes(text) && resolve();
			child.stderr.on('data', check);
			check();
		});
	const stdoutLines = (n: number) =>
		new Promise<void>((resolve) => {
			const check = () => stdout.split('\n').length > n && resolve();
			child.stdout.on('data', check);
			check();
		});
	const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
		child.on('close', (code) => resolve({ code, stdout, stderr })),
	);
	return { child, exited, stderrSays, stdoutLines };
}

describe('clerk-sign-in-tokens (the process)', () => {
	test('--help and --version', async () => {
		const help = await start(['--help']).exited;
		const version = await start(['--version']).exited;

		expect(help.code).toBe(0);
		expect(help.stdout).toContain('clerk-sign-in-tokens create --user-id <id>');
		expect(version).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
	});

	test('a closed stdout (`| head -c0`) changes neither the exit code nor prints a stack', async () => {
		const { child, exited } = start(['create', '--user-id', 'user_1', '--json', '--server-url', server.url]);
		child.stdout.destroy();

		const { code, stderr } = await exited;

		// The token was minted: the exit code says so, and a `pipefail` script will not mint another.
		expect(code).toBe(0);
		expect(fake.tokens.size).toBeGreaterThan(0);
		expect(stderr).not.toMatch(/EPIPE|Error|at /);
	});

	test('Ctrl-C during a call ends it as aborted: exit 8, no stack trace', async () => {
		fake.latencyMs = 60_000;
		const { child, exited } = start(['create', '--user-id', 'user_1', '--server-url', server.url]);
		// Interrupted once the request has reached the server, so the CLI's handler is installed.
		await received(1);
		child.kill('SIGINT');

		expect(await exited).toEqual({ code: 8, stdout: '', stderr: 'error: aborted: Request was aborted by the caller\n' });
	});

	test('Ctrl-C during a batch sends nothing more and records every call in flight; again, cuts them short', async () => {
		fake.latencyMs = 60_000;
		const dir = mkdtempSync(join(tmpdir(), 'cli-batch-'));
		const file = join(dir, 'users.txt');
		writeFileSync(file, `${Array.from({ length: 50 }, (_, i) => `user_${i}`).join('\n')}\n`);
		const { child, exited, stderrSays } = start(['create', '--user-ids-file', file, '--concurrency', '3', '--server-url', server.url]);
		await received(3);
		child.kill('SIGINT');
		await stderrSays('Ctrl-C again cuts them short');
		child.kill('SIGINT');

		const { code, stdout } = await exited;
		const lines = stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line) as { userId: string; ok: boolean; error?: { kind: string } });

		expect(code).toBe(8);
		// The three in flight, cut short by the second Ctrl-C, are recorded as such; no other user
		// was sent, and none is recorded as created.
		expect(lines).toHaveLength(3);
		expect(lines.every((line) => !line.ok && line.error?.kind === 'aborted')).toBe(true);
		expect(fake.requests).toHaveLength(3);
	});

	test('`create --json | head -1` reads the whole result: one line', async () => {
		const { code, stdout } = await start(['create', '--user-id', 'user_1', '--json', '--server-url', server.url]).exited;

		expect(code).toBe(0);
		expect(stdout.endsWith('\n')).toBe(true);
		expect(stdout.trimEnd().split('\n')).toHaveLength(1);
		expect(JSON.parse(stdout)).toMatchObject({ object: 'sign_in_token', userId: 'user_1' });
	});

	test('a batch whose reader leaves (`| head -2`) stops minting, names what was not printed, exit 8', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'cli-head-'));
		const file = join(dir, 'users.txt');
		writeFileSync(file, `${Array.from({ length: 250 }, (_, i) => `user_${i}`).join('\n')}\n`);
		const { child, exited, stdoutLines } = start(['create', '--user-ids-file', file, '--server-url', server.url]);
		await stdoutLines(2);
		child.stdout.destroy();

		const { code, stderr } = await exited;

		expect(code).toBe(8);
		expect(stderr).toContain('stdout was closed: nothing more is sent');
		expect(stderr).toMatch(/created \d+, failed 0.*not printed \d+\n$/);
		// At most what was in flight when the reader left finishes: far from 250.
		expect(fake.requests.length).toBeLessThan(60);
	});

	test('Ctrl-C ends a batch reading a stdin that stays open: exit 8', async () => {
		const { child, exited, stdoutLines } = start(['create', '--user-ids-file', '-', '--server-url', server.url]);
		child.stdin.write('user_1\n');
		await stdoutLines(1);
		child.kill('SIGINT');

		const { code, stdout, stderr } = await exited;

		expect(code).toBe(8);
		expect(stdout.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain('Stopping: nothing more is sent');
		expect(stderr).toContain('created 1, failed 0');
	});

	test('`fake` serves until Ctrl-C, then stops cleanly: exit 0', async () => {
		const { child, exited, stdoutLines, stderrSays } = start(['fake'], {});
		await stdoutLines(1);
		await stderrSays('Ctrl-C stops it.');
		child.kill('SIGINT');

		const { code, stdout, stderr } = await exited;

		expect(code).toBe(0);
		expect(stdout).toMatch(/^export CLERK_SECRET_KEY=sk_test_fake_clerk_key CLERK_API_URL=http:\/\/127\.0\.0\.1:\d+\n$/);
		expect(stderr.trimEnd().split('\n').at(-1)).toBe('Stopped.');
	});
});
