#!/usr/bin/env node
// `npm run bench:ky-options`: what the ky options a deadline-and-retry client needs cost per
// request, on ky alone, against the bench server. Each variant does a create and a revoke;
// variants alternate in rotating order over 12 rounds, each round on a freshly collected heap, and
// the figures are medians. Figures, not pass/fail. Run with --expose-gc.
import ky from 'ky';
import { median, rotated, startServer } from './harness.mjs';

const ITERATIONS = Number(process.argv[2] ?? 300);
const ROUNDS = 12;
const server = await startServer();
const base = `${server.origin}/v1/`;
const headers = { authorization: 'Bearer sk_test_bench' };

const viaKy = (options, perCall = () => ({})) => {
	const client = ky.create({ prefix: base, headers, ...options });
	return async () => {
		const created = await client.post('sign_in_tokens', { json: { user_id: 'user_1' }, ...perCall() }).json();
		await client.post(`sign_in_tokens/${created.id}/revoke`, perCall()).json();
	};
};
const retryPost = { timeout: false, retry: { limit: 2, methods: ['post'] } };
const variants = {
	'raw fetch': async () => {
		const created = await (
			await fetch(`${base}sign_in_tokens`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{"user_id":"user_1"}' })
		).json();
		await (await fetch(`${base}sign_in_tokens/${created.id}/revoke`, { method: 'POST', headers })).json();
	},
	'ky, retry 0, no timeout': viaKy({ retry: 0, timeout: false }),
	'ky, POST retries': viaKy(retryPost),
	'  + a caller signal': viaKy(retryPost, () => ({ signal: new AbortController().signal })),
	'  + totalTimeout instead': viaKy({ ...retryPost, totalTimeout: 10_000 }),
	'ky defaults': viaKy({}),
};
const names = Object.keys(variants);
const cpu = Object.fromEntries(names.map((name) => [name, []]));
for (const run of Object.values(variants)) for (let i = 0; i < 100; i++) await run(); // warm-up
for (let round = 0; round < ROUNDS; round++) {
	for (const name of rotated(names, round)) {
		globalThis.gc?.();
		const start = process.cpuUsage();
		for (let n = 0; n < ITERATIONS; n++) await variants[name]();
		const used = process.cpuUsage(start);
		cpu[name].push((used.user + used.system) / ITERATIONS / 2);
	}
}
console.log(`${'variant'.padEnd(26)}${'CPU µs/req'.padStart(11)}${'× fetch'.padStart(9)}`);
for (const name of names) {
	const ratio = median(cpu[name].map((value, i) => value / cpu['raw fetch'][i]));
	console.log(`${name.padEnd(26)}${median(cpu[name]).toFixed(1).padStart(11)}${ratio.toFixed(2).padStart(9)}`);
}
server.stop();
