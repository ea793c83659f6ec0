// The bench's Clerk stand-in, run in its own process so its CPU is not the client's: keep-alive
// HTTP on 127.0.0.1 with canned, realistic sign-in token bodies. Prints its port, then serves.
// Told `watch <pid>` on stdin (bench/instructions.mjs does, for each counted process), it answers
// only once that process is waiting for it — asleep, blocked in its event loop's poll — so the
// client meets the same event-loop turns however fast this server runs on a busy machine: a reply
// that lands while the client is still busy takes other paths through Node's streams (measured:
// ±4 % per call between an idle and a loaded machine without this, ±0.6 % with it).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const token = (id, status) =>
	JSON.stringify({
		object: 'sign_in_token',
		id,
		status,
		user_id: 'user_2abcDEF123',
		token:
			'eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc18yYWJjIiwidHlwIjoiSldUIn0.eyJleHAiOjE3Njc4MzA0MDAsImlhdCI6MTc2NzIyNTYwMCwiaXNzIjoiaHR0cHM6Ly9leGFtcGxlLmNsZXJrLmFjY291bnRzLmRldiIsInNpZCI6InNpdF8yYWJjIiwic3ViIjoidXNlcl8yYWJjREVGMTIzIn0.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU',
		url: 'https://example.clerk.accounts.dev/v1/tickets/accept?ticket=eyJhbGciOiJSUzI1NiJ9',
		created_at: 1767225600000,
		updated_at: 1767225600000,
	});

let watched;
const asleep = () => {
	try {
		const stat = readFileSync(`/proc/${watched}/stat`, 'utf8');
		return stat[stat.lastIndexOf(')') + 2] === 'S';
	} catch {
		return true; // gone, or no /proc: answer at once
	}
};
const whenWaiting = (answer) => (watched === undefined || asleep() ? answer() : setImmediate(() => whenWaiting(answer)));

let n = 0;
const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
	req.resume();
	req.on('end', () => {
		const revoke = /\/sign_in_tokens\/([^/]+)\/revoke$/.exec(req.url ?? '');
		const body = revoke ? token(revoke[1], 'revoked') : token(`sit_${(n++).toString(36).padStart(8, '0')}`, 'pending');
		whenWaiting(() => {
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
			res.end(body);
		});
	});
});
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`${server.address().port}\n`);
});
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.on('data', (chunk) => {
	const pid = /watch (\d+)/.exec(String(chunk))?.[1];
	watched = pid === undefined ? undefined : Number(pid);
});
