// A real redis-server (Debian's package; .ci/run installs it when missing) on a free loopback port,
// started and stopped by the test that needs it. Readiness is its own "Ready to accept connections"
// line: no polling, no sleeping.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

export interface RedisServer {
	url: string;
	port: number;
	/** Kills the server at once (SIGKILL), as a crash would. */
	kill(): Promise<void>;
	/** Starts it again on the same port, empty (no persistence). */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function launch(port: number): Promise<ChildProcess> {
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let seen = '';
	await new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${seen.slice(-500)}`)));
		child.stdout?.on('data', (chunk: Buffer) => {
			seen += chunk;
			if (seen.includes('Ready to accept connections')) resolve();
		});
	});
	child.removeAllListeners('exit');
	return child;
}

/** Starts redis-server on a free loopback port. */
export async function startRedis(): Promise<RedisServer> {
	const port = await freePort();
	let child = await launch(port);
	const kill = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = once(child, 'exit');
		child.kill('SIGKILL');
		await exited;
	};
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		kill,
		restart: async () => {
			await kill();
			child = await launch(port);
		},
		stop: kill,
	};
}
