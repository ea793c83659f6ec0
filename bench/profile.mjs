#!/usr/bin/env node
// `npm run bench:profile`: where a create + revoke spends the client's CPU. Runs N iterations
// against the bench server under the V8 sampling profiler, then prints the heaviest functions of
// this package, ky and valibot by inclusive time (synchronous stacks only; time after an await is
// attributed to the runtime, which is why undici and GC show up as their own lines).
import { Session } from 'node:inspector/promises';
import { ClerkCore } from '../dist/core.js';
import { signInTokensCreate } from '../dist/funcs/signInTokensCreate.js';
import { signInTokensRevoke } from '../dist/funcs/signInTokensRevoke.js';
import { startServer } from './harness.mjs';

const N = Number(process.argv[2] ?? 3000);
const server = await startServer();
const clerk = new ClerkCore({ secretKey: 'sk_test_profile_0123456789', serverURL: `${server.origin}/v1` });
const iteration = async () => {
	const created = await signInTokensCreate(clerk, { userId: 'user_2abcDEF123' });
	if (!created.ok) throw created.error;
	const revoked = await signInTokensRevoke(clerk, { signInTokenId: created.value.id });
	if (!revoked.ok) throw revoked.error;
};
for (let i = 0; i < 300; i++) await iteration(); // warm-up

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
for (let i = 0; i < N; i++) await iteration();
const { profile } = await session.post('Profiler.stop');
server.stop();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const selfTime = new Map();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const owner = (url) =>
	url.includes('/dist/')
		? 'clerk-sign-in-tokens'
		: url.includes('/ky/')
			? 'ky'
			: url.includes('valibot')
				? 'valibot'
				: url.includes('undici')
					? 'undici'
					: undefined;
const inclusive = new Map();
const byOwner = new Map();
let total = 0;
for (const [id, time] of selfTime) {
	const frame = nodes.get(id).callFrame;
	if (frame.functionName === '(idle)') continue;
	total += time;
	const counted = new Set();
	const owners = new Set();
	for (let at = id; at !== undefined; at = parent.get(at)) {
		const { functionName, url } = nodes.get(at).callFrame;
		const who = owner(url);
		if (!who) continue;
		const name = `${who}: ${functionName || '(anonymous)'}`;
		if (!counted.has(name)) {
			inclusive.set(name, (inclusive.get(name) ?? 0) + time);
			counted.add(name);
		}
		owners.add(who);
	}
	if (frame.functionName === '(garbage collector)') byOwner.set('GC', (byOwner.get('GC') ?? 0) + time);
	for (const who of owners) byOwner.set(who, (byOwner.get(who) ?? 0) + time);
}
const pct = (t) => `${((t / total) * 100).toFixed(1).padStart(5)} %`;
console.log(`${N} iterations (create + revoke); share of non-idle client CPU, inclusive:\n`);
for (const [who, time] of [...byOwner].sort((a, b) => b[1] - a[1])) console.log(`${pct(time)}  ${who}`);
console.log('\nheaviest functions:');
for (const [name, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(time)}  ${name}`);

// Self time names the code that burns the cycles rather than the code that called it.
const self = new Map();
for (const [id, time] of selfTime) {
	const { functionName, url, lineNumber } = nodes.get(id).callFrame;
	if (functionName === '(idle)') continue;
	const who = owner(url) ?? (url ? url.replace(/^.*\//, '') : functionName);
	const name = `${who}: ${functionName || '(anonymous)'}${url ? `:${lineNumber + 1}` : ''}`;
	self.set(name, (self.get(name) ?? 0) + time);
}
console.log('\nheaviest functions by self time:');
for (const [name, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(time)}  ${name}`);
