#!/usr/bin/env node
// Part of `npm run test:load`: signInTokensCreateMany over 100,000 requests streamed in, with an
// in-memory fetch, must keep memory flat — it holds at most `concurrency` calls and results — and
// account for every request exactly once. Run with --expose-gc.
import { ClerkCore } from '../../dist/core.js';
import { signInTokensCreateMany } from '../../dist/funcs/signInTokensCreateMany.js';

const TOTAL = Number(process.env.BULK_TOTAL ?? 100_000);
const body = JSON.stringify({
	object: 'sign_in_token',
	id: 'sit_x',
	status: 'pending',
	user_id: 'u',
	token: 'eyJ.eyJ.s',
	url: 'https://x.clerk.accounts.dev/v1/tickets/accept?ticket=eyJ.eyJ.s',
	created_at: 1,
	updated_at: 1,
});
const clerk = new ClerkCore({
	secretKey: 'sk_test_bulk_0123456789',
	fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
});

async function* requests() {
	for (let i = 0; i < TOTAL; i++) yield { userId: `user_${i}` };
}
// After a task, so finalizers that were due have run, then a full collection.
const heap = async () => {
	await new Promise((resolve) => setImmediate(resolve));
	globalThis.gc();
	return process.memoryUsage().heapUsed;
};

const seen = new Uint8Array(TOTAL);
let ok = 0;
let count = 0;
const samples = [];
for await (const { index, result } of signInTokensCreateMany(clerk, requests(), { rateLimit: false, concurrency: 50 })) {
	seen[index]++;
	if (result.ok) ok++;
	if (++count % (TOTAL / 10) === 0) samples.push(await heap());
}
const problems = [];
if (count !== TOTAL || ok !== TOTAL) problems.push(`yielded ${count} (${ok} ok) of ${TOTAL}`);
if (seen.some((n) => n !== 1)) problems.push('a request yielded other than exactly once');
// Flat: the heap after 100 % of the batch is within 10 % (and 2 MB) of the heap after 10 %.
const [first, last] = [samples[0], samples.at(-1)];
if (last > first * 1.1 + 2 * 1024 * 1024) problems.push(`heap grew from ${(first / 1e6).toFixed(1)} MB to ${(last / 1e6).toFixed(1)} MB`);
console.log(`bulk: ${count} requests, each yielded once; heap at 10 % ${(first / 1e6).toFixed(1)} MB, at 100 % ${(last / 1e6).toFixed(1)} MB`);
console.log(problems.length ? `bulk: FAILED\n- ${problems.join('\n- ')}` : 'bulk: memory flat, every request accounted for');
process.exitCode = problems.length ? 1 : 0;
