#!/usr/bin/env node
// `npm run test:browser`: loads the bundled package in a real headless Chromium page (Debian's
// chromium, driven by playwright-core) and checks that a call is refused there unless the core
// opts in with dangerouslyAllowBrowser, in which case it reaches a local server; and that a link
// built by signInUrl carries the ticket where Clerk's frontend reads it, on a real page.
import { createServer } from 'node:http';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { signInUrl } from '../../dist/signInUrl.js';
import { CHROMIUM, CHROMIUM_ARGS, ensureChromium } from '../helpers/chromium.ts';

ensureChromium('browser');

const root = new URL('../..', import.meta.url).pathname;
const script = (
	await build({
		entryPoints: [new URL('./page.mjs', import.meta.url).pathname],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		write: false,
		logLevel: 'error',
		// The built package files, as its exports map names them for the "import" condition.
		alias: {
			'clerk-sign-in-tokens/core': `${root}dist/core.js`,
			'clerk-sign-in-tokens/funcs/signInTokensCreate': `${root}dist/funcs/signInTokensCreate.js`,
		},
		nodePaths: [`${root}node_modules`],
	})
).outputFiles[0].text;

let requests = 0;
const server = createServer((req, res) => {
	if (req.url.startsWith('/sign-in')) {
		// Your app's sign-in page: it reads the ticket as Clerk's frontend does, from the query.
		res.writeHead(200, { 'content-type': 'text/html' });
		return res.end(`<!doctype html><html><body><script>window.ticketRead = new URL(location.href).searchParams.get('__clerk_ticket');</script></body></html>`);
	}
	if (req.url === '/') {
		res.writeHead(200, { 'content-type': 'text/html' });
		return res.end(`<!doctype html><html><body><script>${script}</script></body></html>`);
	}
	if (req.method !== 'POST') {
		res.writeHead(404);
		return res.end(); // e.g. the page's favicon
	}
	req.resume();
	req.on('end', () => {
		requests++;
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ object: 'sign_in_token', id: 'sit_b', status: 'pending', user_id: 'user_123', created_at: 1, updated_at: 1 }));
	});
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
	executablePath: CHROMIUM,
	args: CHROMIUM_ARGS,
});
const problems = [];
try {
	const page = await browser.newPage();
	await page.goto(origin);
	const refused = await page.evaluate(() => window.runCreate(false));
	if (refused.ok || refused.kind !== 'secret-key' || !refused.message.includes('browser page')) problems.push(`without the opt-in: ${JSON.stringify(refused)}`);
	if (requests !== 0) problems.push(`without the opt-in the server saw ${requests} requests`);
	console.log(`refused without opt-in: ${JSON.stringify(refused)}; requests: ${requests}`);
	const allowed = await page.evaluate(() => window.runCreate(true));
	if (!allowed.ok || requests !== 1) problems.push(`with dangerouslyAllowBrowser: ${JSON.stringify(allowed)}, requests ${requests}`);
	console.log(`with dangerouslyAllowBrowser: ${JSON.stringify(allowed)}; requests: ${requests}`);

	const ticket = 'eyJhbGciOiJSUzI1NiJ9.eyJzaWQiOiJzaXRfMSIsInN0Ijoic2lnbl9pbl90b2tlbiJ9.c2lnLV8';
	const link = signInUrl({ token: ticket, url: null, status: 'pending' }, { baseUrl: `${origin}/sign-in?lang=fr#top`, redirectUrl: '/welcome' });
	if (!link.ok) problems.push(`signInUrl refused the page: ${link.error.message}`);
	else {
		await page.goto(link.value);
		const read = await page.evaluate(() => window.ticketRead);
		if (read !== ticket) problems.push(`the page read ${JSON.stringify(read)} as the ticket from ${link.value}`);
		// The mistake signInUrl exists to prevent: a ticket in the hash is never read.
		await page.goto(`${origin}/sign-in#__clerk_ticket=${ticket}`);
		const fromHash = await page.evaluate(() => window.ticketRead);
		if (fromHash !== null) problems.push('a ticket in the hash was read, which Clerk does not do');
		console.log(`signInUrl link: the page read the ticket ${read === ticket ? 'exactly' : 'WRONG'}; from a hash it read ${JSON.stringify(fromHash)}`);
	}
} finally {
	await browser.close();
	server.close();
}
console.log(problems.length ? `browser: FAILED\n- ${problems.join('\n- ')}` : 'browser: passed in headless Chromium');
process.exitCode = problems.length ? 1 : 0;
