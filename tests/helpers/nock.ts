// nock as the network for the platform-fetch path (the one production uses): every request Clerk's
// origin receives, recorded exactly.
import nock from 'nock';
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
