// One process of a fleet sharing a Clerk budget through Redis: it connects its own client (ioredis
// or node-redis, as CLIENT says), fires COUNT creates at once when told "go" on stdin, and prints one
// JSON line: every result's kind, how long the burst took, and the budget notes its logger got.
import { ClerkCore } from '../../../dist/core.js';
import { redisBudget } from '../../../dist/budget/redis.js';
import { signInTokensCreate } from '../../../dist/funcs/signInTokensCreate.js';

const { CLIENT, REDIS_URL, SERVER_URL, COUNT, LIMIT, WINDOW_MS, KEY } = process.env;
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
	budget: redisBudget(client, { limit: Number(LIMIT), windowMs: Number(WINDOW_MS) }),
	logger: (event) => event.type === 'budget' && notes.push(event.note),
});
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const started = Date.now();
const results = await Promise.all(Array.from({ length: Number(COUNT) }, (_, i) => signInTokensCreate(core, { userId: `user_${i}` })));
const elapsedMs = Date.now() - started;
process.stdout.write(
	`${JSON.stringify({ kinds: results.map((r) => (r.ok ? 'ok' : `${r.error.kind}${r.error.status ? ` ${r.error.status}` : ''}`)), elapsedMs, notes: [...new Set(notes)] })}\n`,
);
await (CLIENT === 'ioredis' ? client.quit().catch(() => client.disconnect()) : client.quit().catch(() => client.destroy?.()));
process.exit(0);
