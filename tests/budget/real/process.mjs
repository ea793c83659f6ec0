// One process of a fleet sharing a Clerk budget through Redis: it connects its own client (ioredis
// or node-redis, as CLIENT says), fires COUNT creates at once when told "go" on stdin, and prints one
// JSON line: every result's kind, how long the burst took, and the budget notes its logger got. Each
// new note is also printed the moment it is logged (`note …`), so a test can act on it. Told "again"
// afterwards, it waits for its client to be connected and for its engine pause to be over, fires
// AGAIN more creates and prints a second report.
import { createInterface } from 'node:readline';
import { ClerkCore } from '../../../dist/core.js';
import { events } from '../../../dist/events.js';
import { redisBudget } from '../../../dist/budget/redis.js';
import { signInTokensCreate } from '../../../dist/funcs/signInTokensCreate.js';

const { CLIENT, REDIS_URL, SERVER_URL, COUNT, LIMIT, WINDOW_MS, MARGIN_MS = '200', KEY, RETRY_ENGINE_MS = '5000', AGAIN = '0' } = process.env;
let client;
if (CLIENT === 'ioredis') {
	const { Redis } = await import('ioredis');
	// No offline queue: while Redis is down a command fails at once instead of waiting for it.
	client = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 50 });
	client.on('error', () => {});
	await new Promise((resolve) => client.once('ready', resolve));
} else {
	const { createClient } = await import('redis');
	client = createClient({ url: REDIS_URL, disableOfflineQueue: true, socket: { reconnectStrategy: () => 50 } });
	client.on('error', () => {});
	await client.connect();
}
const notes = [];
const core = new ClerkCore({
	secretKey: KEY,
	serverURL: SERVER_URL,
	timeoutMs: 60_000,
	budget: redisBudget(client, { limit: Number(LIMIT), windowMs: Number(WINDOW_MS), marginMs: Number(MARGIN_MS), retryEngineAfterMs: Number(RETRY_ENGINE_MS) }),
	logger: events((event) => {
		if (event.type !== 'budget') return;
		if (!notes.includes(event.note)) process.stdout.write(`note ${event.note}\n`);
		notes.push(event.note);
	}),
});
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const burst = async (count) => {
	notes.length = 0;
	const started = Date.now();
	const results = await Promise.all(Array.from({ length: count }, (_, i) => signInTokensCreate(core, { userId: `user_${i}` })));
	const elapsedMs = Date.now() - started;
	const kinds = results.map((r) => (r.ok ? 'ok' : `${r.error.kind}${r.error.status ? ` ${r.error.status}` : ''}`));
	process.stdout.write(`${JSON.stringify({ kinds, elapsedMs, notes: [...new Set(notes)] })}\n`);
};
process.stdout.write('ready\n');
await lines.next();
await burst(Number(COUNT));
const connected = () => (CLIENT === 'ioredis' ? client.status === 'ready' : client.isReady);
if (Number(AGAIN) > 0) {
	await lines.next();
	if (!connected()) await new Promise((resolve) => client.once('ready', resolve));
	// The last failure came before the test said "again" (Redis was up again by then): once
	// RETRY_ENGINE_MS more have passed, the budget asks Redis again.
	await new Promise((resolve) => setTimeout(resolve, Number(RETRY_ENGINE_MS)));
	await burst(Number(AGAIN));
}
// With Redis gone, quit() waits for a reconnection (node-redis) or rejects: drop the connection
// instead. node-redis's destroy() throws on a client that is already closed.
const close = () => (CLIENT === 'ioredis' ? client.disconnect() : client.isOpen && client.destroy());
if (connected()) await client.quit().catch(close);
else close();
process.exit(0);
