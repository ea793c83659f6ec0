#!/usr/bin/env node
// Part of `npm run test:load`: signInTokensCreateMany over 100,000 requests streamed in, with an
// in-memory fetch, must keep memory flat — it holds at most `concurrency` calls and results — and
// account for every request exactly once. Run with --expose-gc.
import { ClerkCore } from '../../dist/core.js';
import { signInTokensCreateMany } from '../../dist/funcs/signInTokensCreateMany.js';
import { transport } from '../../dist/transport.js';
import { heapTrend } from './trend.mjs';

const TOTAL = Number(process.env.BULK_TOTAL ?? 100_000);
// The heap is sampled every STEP requests, and the samples of the first WARM are not judged (code
// being compiled). Sampled only every 10,000, the heap read 17–22 MB at the first sample and
// 18–19.5 MB after, and once 13.8 MB then 18.4 MB with no leak: what waits for a finalizer grows
// with the gap between two samples (first sampled at 25,000, it read 25 MB and took six samples to
// come down to 12.5). Every 5,000 from the start it reads 12.2–13.7 MB; the trend over the last
// 75,000 requests must stay under 10 % — a leak of 20 bytes a request reads +18 %.
const STEP = TOTAL / 20;
const WARM = TOTAL / 5;
// LEAK_BYTES > 0 keeps that many bytes a request, to prove the check fails on a leak.
const LEAK_BYTES = Number(process.env.LEAK_BYTES ?? 0);
const kept = [];
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
	transport: transport({ fetch: async () => new Response(body, { headers: { 'content-type': 'application/json' } }) }),
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
	if (LEAK_BYTES) kept.push('x'.repeat(LEAK_BYTES - 16) + index);
	if (++count % STEP === 0) samples.push(await heap());
}
const judged = samples.slice(WARM / STEP);
const problems = [];
if (count !== TOTAL || ok !== TOTAL) problems.push(`yielded ${count} (${ok} ok) of ${TOTAL}`);
if (seen.some((n) => n !== 1)) problems.push('a request yielded other than exactly once');
const { trend, growth } = heapTrend(judged);
const span = `${((judged.length - 1) * STEP).toLocaleString('en')} requests`;
if (growth > 0.1) problems.push(`the heap's trend grew ${(growth * 100).toFixed(1)} % over ${span}`);
console.log(`bulk: ${count} requests, each yielded once`);
console.log(
	`bulk heap after GC: ${samples.map((b) => (b / 1e6).toFixed(1)).join(', ')} MB every ${STEP}; trend from ${WARM + STEP} ${(trend / 1e6).toFixed(2)} MB over ${span} (${(growth * 100).toFixed(1)} %)`,
);
console.log(problems.length ? `bulk: FAILED\n- ${problems.join('\n- ')}` : 'bulk: memory flat, every request accounted for');
process.exitCode = problems.length ? 1 : 0;
