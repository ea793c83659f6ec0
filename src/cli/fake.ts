// `clerk-sign-in-tokens fake`: the in-memory Clerk of `clerk-sign-in-tokens/testing`, served on
// loopback, so a newcomer can try every command without an account — and a test suite in another
// language can point at it. It binds 127.0.0.1 only, and stops on Ctrl-C.
import { idIssue } from '../models/ids.ts';
import { createFakeClerk } from '../testing/index.ts';
import type { Flags } from './args.ts';
import type { Io } from './output.ts';

/**
 * Serves a fake Clerk until the first Ctrl-C.
 *
 * @param flags `--port`, `--users`, `--rate-limit`, `--json`.
 * @param io Where to write, and the signal that stops it.
 * @returns 0 once stopped, or a usage message for a bad flag or a port that cannot be bound.
 */
export async function fake(flags: Flags, io: Io): Promise<number | string> {
	const port = Number(flags.port ?? 0);
	if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) return '--port must be a whole number from 0 (any free port) to 65535';
	const users = (flags.users ?? 'user_1,user_2,user_3').split(',').map((user) => user.trim());
	const bad = users.map((user) => [user, idIssue(user, 'a user ID')]).find(([, issue]) => issue !== undefined);
	if (bad) return `--users must be user IDs separated by commas: one ${bad[1]}`;
	const clerk = createFakeClerk({ users, rateLimit: flags['rate-limit'] === true });
	let served: { url: string; close(): Promise<void> };
	try {
		served = await clerk.listen(port);
	} catch (error) {
		return `--port ${port} could not be bound on 127.0.0.1 (${(error as { code?: string }).code ?? 'error'})`;
	}
	const apiUrl = served.url.replace(/\/v1$/, '');
	if (flags.json) {
		const setup = { serverURL: served.url, apiUrl, secretKey: clerk.secretKey, users, rateLimit: flags['rate-limit'] === true };
		void io.out(JSON.stringify(setup));
	} else {
		void io.out(`export CLERK_SECRET_KEY=${clerk.secretKey} CLERK_API_URL=${apiUrl}`);
		io.err(`Fake Clerk Backend API on ${served.url} — users ${users.join(', ')}; rate limit ${flags['rate-limit'] ? "Clerk's (100 per 10 s)" : 'off'}.`);
		io.err(`In another shell, run the export above, then: clerk-sign-in-tokens create --user-id ${users[0]}`);
		io.err('Ctrl-C stops it.');
	}
	const handle = clerk.handle;
	clerk.handle = async (request) => {
		const response = await handle(request);
		const path = new URL(request.url).pathname;
		if (flags.json) void io.out(JSON.stringify({ method: request.method, path, status: response.status }));
		else io.err(`${request.method} ${path} ${response.status}`);
		return response;
	};
	await new Promise<void>((resolve) => (io.signal?.aborted ? resolve() : io.signal?.addEventListener('abort', () => resolve(), { once: true })));
	await served.close();
	if (!flags.json) io.err('Stopped.');
	return 0;
}
