#!/usr/bin/env node
// `npm run test:e2e`: the Playwright fixture against a real @clerk/clerk-js (pinned) in Debian's
// Chromium, signing in against the fake served on loopback (server.mjs). After the run, what no
// spec can see for itself: no 429 was answered; no sign-in reached Clerk with the page's stand-in;
// every ticket minted is spent or revoked (none left pending); the token a fixture could not revoke
// is named by that test's failure; and not one ticket appears anywhere the run wrote — traces
// (unzipped), the pages' console and navigations, the reports.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from '../helpers/chromium.ts';
import { start } from './server.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
ensureChromium('e2e');

// Arguments go to Playwright (`npm run test:e2e -- specs/failures.spec.ts`): a partial run skips the
// checks that count the whole suite's work. E2E_KEEP=1 keeps what the run wrote.
const only = process.argv.slice(2);
const out = mkdtempSync(join(tmpdir(), 'clerk-e2e-'));
const report = join(out, 'report.json');
const server = await start();
const problems = [];
let code;
try {
	code = await new Promise((resolve) => {
		const child = spawn(join(root, 'node_modules', '.bin', 'playwright'), ['test', '--config', join(here, 'playwright.config.ts'), ...only], {
			cwd: here,
			stdio: 'inherit',
			env: { ...process.env, E2E_ORIGIN: server.origin, E2E_SECRET_KEY: server.fake.secretKey, E2E_OUTPUT: join(out, 'results'), E2E_REPORT: report },
		});
		child.on('close', resolve);
	});
} finally {
	await server.close();
}
if (code !== 0) problems.push(`playwright exited ${code}`);

// 1. Clerk's limits: not one 429, Backend or Frontend API, over the whole run.
const { answered, fake } = server;
for (const [api, statuses] of Object.entries(answered)) if (statuses[429]) problems.push(`${statuses[429]} × 429 from the ${api} API`);
// A stand-in reaching Clerk is a sign-in the page sent after its signInAs ended, let through unswapped
// and ungated: it would spend a slot of the Frontend API's limit that no budget gave it.
if (server.standIns.count) problems.push(`${server.standIns.count} sign-in(s) reached the Frontend API with a stand-in, not a ticket`);
const signIns = fake.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/client/sign_ins')).length;
console.log(`e2e: ${fake.tokens.size} tickets minted, ${signIns} sign-ins sent, answers ${JSON.stringify(answered)}`);
if (!only.length && signIns < 80) problems.push(`only ${signIns} sign-ins reached the Frontend API (the parallel spec sends 80)`);

// 2. No ticket left live: every token is spent or revoked, those the specs named included.
const tests = JSON.parse(readFileSync(report, 'utf8'));
const annotated = (type) =>
	JSON.stringify(tests)
		.matchAll(new RegExp(`"type":"${type}","description":"(sit_[\\w]+)"`, 'g'))
		.map((m) => m[1])
		.toArray();
const unrevokable = new Set(annotated('unrevokable'));
for (const token of fake.tokens.values()) {
	if (token.status === 'pending' && !unrevokable.has(token.id)) problems.push(`${token.id} is still pending after the run`);
}
for (const id of annotated('unredeemed'))
	if (fake.tokens.get(id)?.status !== 'revoked') problems.push(`${id} was minted, not redeemed, and not revoked at the test's end`);
// 3. A token the fixture could not revoke is named by its test's failure (the test is marked to fail).
const failures = JSON.stringify(tests);
for (const id of unrevokable)
	if (!new RegExp(`could not be revoked[^"]*${id}`).test(failures)) problems.push(`the failure of the test whose ${id} could not be revoked does not name it`);
if (!only.length && unrevokable.size !== 1) problems.push(`expected one unrevokable token, the report names ${unrevokable.size}`);

// 4. No ticket anywhere the run wrote: traces unzipped, watched consoles and navigations, reports.
for (const file of walk(out)) if (file.endsWith('.zip')) execFileSync('unzip', ['-qo', file, '-d', `${file}.d`]);
const ticketSet = new Set(server.minted);
if (ticketSet.size !== fake.tokens.size) problems.push(`${fake.tokens.size} tokens minted, but ${ticketSet.size} tickets recorded to search for`);
// A control, so the search cannot pass by finding nothing anywhere: one file holding one ticket's claims.
const canary = join(out, 'canary.txt');
writeFileSync(canary, `…${([...ticketSet][0] ?? '').split('.')[1]}…`);
let searched = 0;
let canaryFound = false;
for (const file of walk(out)) {
	if (file.endsWith('.zip')) continue;
	searched++;
	const text = readFileSync(file, 'latin1');
	for (const ticket of ticketSet) {
		// The ticket, and its middle part alone (its claims: what a base64 or a split would still show).
		const claims = ticket.split('.')[1] ?? ticket;
		if (!text.includes(ticket) && !text.includes(claims)) continue;
		if (file === canary) canaryFound = true;
		else problems.push(`a ticket appears in ${file.slice(out.length + 1)}`);
	}
}
if (!canaryFound) problems.push('the search missed the control file holding a ticket');
const traces = walk(out).filter((f) => f.endsWith('.zip')).length;
console.log(`e2e: searched ${searched} files (${traces} traces unzipped) for the ${ticketSet.size} tickets`);
if (!only.length && traces < 10) problems.push(`only ${traces} traces were written`);
if (process.env.E2E_KEEP) console.log(`e2e: kept ${out}`);
else rmSync(out, { recursive: true, force: true });
console.log(problems.length ? `e2e: FAILED\n- ${problems.join('\n- ')}` : 'e2e: passed');
process.exitCode = problems.length ? 1 : 0;

function walk(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}
