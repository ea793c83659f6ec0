// nock as the network for the platform-fetch path (the one production uses): every request Clerk's
// origin receives, recorded exactly.
import nock from 'nock';
import { afterAll, beforeAll } from 'vitest';
import type { FakeClerk } from '../../src/testing/index.ts';
import { ORIGIN } from './wire.ts';
import type { Seen } from './wire.ts';

/**
 * Mocks Clerk's origin and records every request it receives. Chain one interceptor per expected
 * attempt; nothing else may reach the network (tests/setup.ts fails a test that leaves one unused).
 */
export function mockClerk() {
	const seen: Seen[] = [];
	const scope = nock(ORIGIN);
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		const url = new URL(req.url);
		seen.push({ method: req.method, path: url.pathname + url.search, headers: Object.fromEntries(req.headers), body });
	});
	return { scope, seen };
}

/**
 * Serves a fake Clerk over real HTTP on 127.0.0.1 for a test file's tests (with nock letting
 * loopback through), for code that takes a URL rather than a fetch: the CLI, a child process.
 *
 * @returns The server; its `url` (`http://127.0.0.1:<port>/v1`) is there once the file's tests run.
 */
export function serveFake(fake: FakeClerk): { readonly url: string } {
	let server: { url: string; close(): Promise<void> } | undefined;
	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		server = await fake.listen();
	});
	afterAll(async () => {
		await server?.close();
		nock.disableNetConnect();
	});
	return {
		get url() {
			if (!server) throw new Error('serveFake: the server starts before the tests, not at import');
			return server.url;
		},
	};
}
