// Shared by the call benches: the Clerk stand-in in its own process, and how rounds are ordered
// and summarized, so every bench measures the same way.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts `bench/server.mjs` in a child process, so its CPU is not the client's.
 *
 * @returns The server's origin (`http://127.0.0.1:<port>`), `watch(pid)` (answer that process only
 *   when it waits: see server.mjs) and a function that stops it.
 */
export async function startServer() {
	const server = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], { stdio: ['pipe', 'pipe', 'inherit'] });
	const [chunk] = await once(server.stdout, 'data');
	return {
		origin: `http://127.0.0.1:${String(chunk).trim()}`,
		watch: (pid) => server.stdin.write(`watch ${pid}\n`),
		stop: () => {
			server.stdin.end();
			server.kill();
		},
	};
}

/**
 * The subjects in the order round `round` runs them: each round starts with the next subject, so
 * none always runs right after the same one.
 */
export const rotated = (names, round) => names.map((_, i) => names[(round + i) % names.length]);

/** The median of a list of numbers (the upper one for an even count). */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
