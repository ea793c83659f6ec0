import nock from 'nock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { gzipBomb, startFaultServer } from './server.ts';
import type { Fault, FaultServer } from './server.ts';
import { policy } from '../../src/retry.ts';
import { transport } from '../../src/transport.ts';

// Every fault, against both operations, over real sockets: the exact outcome and the number of
// attempts the retry policy allows, and no timer or socket left behind. That a call settles at its
// deadline is proved exactly, on fake timers, in tests/pipeline/deadline.test.ts; here the bound
// on the elapsed time is only a safety net, far above the deadline, so a busy machine cannot trip it.
// Rows that end at the deadline use a short one; every other row gets a long one, so a busy machine
// cannot turn its "ok" or "connection" into a timeout.
const TIMEOUT = 800;
const ROOMY = 20_000;
const SAFETY_NET = 15_000;
const KEY = 'sk_test_faults_0123456789abcdef';
let server: FaultServer;
let baseline: string[] = [];
const pending = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout' || r.startsWith('TCP'));
const count = (resources: string[]) => resources.reduce<Record<string, number>>((counts, r) => ({ ...counts, [r]: (counts[r] ?? 0) + 1 }), {});
// No more of each kind than before the first call. (The runner may hold a timer of its own in the
// baseline that is gone later: fewer is fine, more is a leak.)
const leakedResources = () => {
	const before = count(baseline);
	return Object.entries(count(pending())).filter(([kind, n]) => n > (before[kind] ?? 0));
};

beforeAll(async () => {
	baseline = pending();
	nock.enableNetConnect('127.0.0.1');
	server = await startFaultServer();
	gzipBomb(); // built before the clock starts: gzipping 256 MiB takes a while
});

// No call may leave a timer or a socket behind: once the server is gone, the process must hold
// no more than it did before the first call. Sockets close asynchronously: each turn of the event
// loop is a chance for them to go; the loop is bounded, and only as a safety net.
afterAll(async () => {
	await server.close();
	nock.disableNetConnect();
	for (let i = 0; i < 10_000 && leakedResources().length > 0; i++) await new Promise((r) => setImmediate(r));
	expect(leakedResources()).toEqual([]);
});

const core = (timeoutMs: number) => new ClerkCore({ secretKey: KEY, serverURL: server.url, timeoutMs, retry: policy({ delay: () => 0 }) });
const ops = {
	create: (timeoutMs: number) => signInTokensCreate(core(timeoutMs), { userId: 'user_123' }),
	revoke: (timeoutMs: number) => signInTokensRevoke(core(timeoutMs), { signInTokenId: 'sit_1' }),
};

type Expected = { kind: string; status?: number; attempts: number };
type Row = [fault: string, plan: Fault[], create: Expected, revoke: Expected];
const date = (s: number) => new Date(Date.now() + s * 1000).toUTCString();

const rows: Row[] = [
	['reset before the status line', ['reset', 'reset', 'reset'], { kind: 'connection', attempts: 1 }, { kind: 'connection', attempts: 3 }],
	['reset, then ok', ['reset'], { kind: 'connection', attempts: 1 }, { kind: 'ok', attempts: 2 }],
	['close after headers', ['close-after-headers'], { kind: 'connection', attempts: 1 }, { kind: 'connection', attempts: 1 }],
	['a body trickled slower than the deadline', ['trickle'], { kind: 'timeout', attempts: 1 }, { kind: 'timeout', attempts: 1 }],
	['a chunked body that never ends', ['endless-chunked'], { kind: 'timeout', attempts: 1 }, { kind: 'timeout', attempts: 1 }],
	[
		'a 10 MB body with Content-Length',
		['huge'],
		{ kind: 'invalid-response', status: 200, attempts: 1 },
		{ kind: 'invalid-response', status: 200, attempts: 1 },
	],
	['a 10 MB chunked body', ['huge-chunked'], { kind: 'invalid-response', status: 200, attempts: 1 }, { kind: 'invalid-response', status: 200, attempts: 1 }],
	['invalid UTF-8 as JSON', ['bad-utf8'], { kind: 'invalid-response', status: 200, attempts: 1 }, { kind: 'invalid-response', status: 200, attempts: 1 }],
	['truncated JSON', ['truncated-json'], { kind: 'invalid-response', status: 200, attempts: 1 }, { kind: 'invalid-response', status: 200, attempts: 1 }],
	['a gzip bomb (256 MiB)', ['gzip-bomb'], { kind: 'invalid-response', status: 200, attempts: 1 }, { kind: 'invalid-response', status: 200, attempts: 1 }],
	['200 with an HTML page', ['html-200'], { kind: 'invalid-response', status: 200, attempts: 1 }, { kind: 'invalid-response', status: 200, attempts: 1 }],
	[
		'a 500 with a 10 MB body, cut at maxResponseBytes',
		['huge-500', 'huge-500', 'huge-500'],
		{ kind: 'api', status: 500, attempts: 1 },
		{ kind: 'api', status: 500, attempts: 3 },
	],
	['502 with a proxy HTML page', ['html-502', 'html-502', 'html-502'], { kind: 'api', status: 502, attempts: 1 }, { kind: 'api', status: 502, attempts: 3 }],
	['500, then ok', [{ status: 500 }], { kind: 'api', status: 500, attempts: 1 }, { kind: 'ok', attempts: 2 }],
	['504, then ok', [{ status: 504 }], { kind: 'api', status: 504, attempts: 1 }, { kind: 'ok', attempts: 2 }],
	[
		'429 three times',
		[
			{ status: 429, retryAfter: '0' },
			{ status: 429, retryAfter: '0' },
			{ status: 429, retryAfter: '0' },
		],
		{ kind: 'api', status: 429, attempts: 3 },
		{ kind: 'api', status: 429, attempts: 3 },
	],
	['503 with Retry-After 0, then ok', [{ status: 503, retryAfter: '0' }], { kind: 'ok', attempts: 2 }, { kind: 'ok', attempts: 2 }],
	[
		'429 with a huge Retry-After',
		[{ status: 429, retryAfter: '999999' }],
		{ kind: 'api', status: 429, attempts: 1 },
		{ kind: 'api', status: 429, attempts: 1 },
	],
	[
		'503 with a Retry-After past the deadline',
		// Past even the roomy deadline (and within the 60 s cap a Retry-After may ask for).
		[{ status: 503, retryAfter: '30' }],
		{ kind: 'api', status: 503, attempts: 1 },
		{ kind: 'api', status: 503, attempts: 1 },
	],
	['429 with a negative Retry-After, then ok', [{ status: 429, retryAfter: '-5' }], { kind: 'ok', attempts: 2 }, { kind: 'ok', attempts: 2 }],
	[
		'429 with an HTTP-date Retry-After in the past, then ok',
		[{ status: 429, retryAfter: date(-60) }],
		{ kind: 'ok', attempts: 2 },
		{ kind: 'ok', attempts: 2 },
	],
];

describe.each(['create', 'revoke'] as const)('%s under faults', (op) => {
	test.each(rows)('%s', async (_, plan, create, revoke) => {
		const expected = op === 'create' ? create : revoke;
		server.plan(...plan);
		const started = Date.now();

		const timeoutMs = expected.kind === 'timeout' ? TIMEOUT : ROOMY;
		const res = await ops[op](timeoutMs);

		const elapsed = Date.now() - started;
		expect(res.ok ? 'ok' : res.error.kind).toBe(expected.kind);
		if (!res.ok && expected.status !== undefined) expect((res.error as { status?: number }).status).toBe(expected.status);
		// Error bodies too are read no further than maxResponseBytes (1 MiB by default).
		if (!res.ok && res.error.kind === 'api') expect(res.error.body.length).toBeLessThanOrEqual(1_048_576);
		expect(server.requests).toHaveLength(expected.attempts);
		expect(elapsed).toBeLessThan(timeoutMs + SAFETY_NET);
	});
});

describe('Retry-After', () => {
	test('an HTTP-date one second ahead is honoured before the retry', async () => {
		server.plan({ status: 503, retryAfter: date(2) });
		const started = Date.now();

		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, serverURL: server.url, timeoutMs: 5_000 }), { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(server.requests).toHaveLength(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	});

	test('a value beyond the cap ends the call with retryAfter set', async () => {
		server.plan({ status: 429, retryAfter: '120' });

		const res = await signInTokensRevoke(new ClerkCore({ secretKey: KEY, serverURL: server.url, timeoutMs: 200_000 }), { signInTokenId: 'sit_1' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 429, retryAfter: 120 } });
		expect(server.requests).toHaveLength(1);
	});
});

describe('a proxy-style fetch that drops the signal', () => {
	test('ends at the deadline against a server that never ends the body', async () => {
		server.plan('endless-chunked');
		// The common wrapper: `fetch(req.url, { method, headers, body })` — the signal is lost.
		const proxy = async (request: Request) => fetch(request.url, { method: request.method, headers: request.headers, body: await request.text() });

		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: proxy }), secretKey: KEY, serverURL: server.url, timeoutMs: TIMEOUT }), {
			userId: 'user_123',
		});

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(server.requests).toHaveLength(1);
	});
});

describe('connection refused', () => {
	test.each([
		['create', 3],
		['revoke', 3],
	] as const)('%s retries a refused connection, which proves nothing was sent (%i attempts)', async (op, attempts) => {
		let calls = 0;
		const counting = (input: Request, init?: RequestInit) => {
			calls++;
			return fetch(input, init);
		};
		// A port nothing listens on: bind one, note it, close it.
		const closed = await startFaultServer();
		const url = closed.url;
		await closed.close();
		const clerk = new ClerkCore({ transport: transport({ fetch: counting }), secretKey: KEY, serverURL: url, retry: policy({ delay: () => 0 }) });

		const res = op === 'create' ? await signInTokensCreate(clerk, { userId: 'user_123' }) : await signInTokensRevoke(clerk, { signInTokenId: 'sit_1' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'connection' } });
		expect(calls).toBe(attempts);
	});
});
