// The Clerk the end-to-end suite signs in against: the package's fake (both its Backend API and its
// Frontend API) served by `fake.listen()` on loopback, with Clerk's own rate limits on, and the
// test app beside it on the same origin — a page that loads the pinned @clerk/clerk-js with the
// fake's publishable key and `proxyUrl` pointing at the fake. `/__control` lets a spec (in another
// process) set up a failure in the fake, as a test in the fake's own process would by calling it.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createFakeClerk } from '../../dist/testing.js';

const clerkJs = join(dirname(fileURLToPath(import.meta.url)), '../../node_modules/@clerk/clerk-js/dist');

/**
 * Starts the fake and the app.
 *
 * @returns The origin, the fake, what it answered (statuses by path kind), how many sign-ins carried
 *   a stand-in instead of a ticket, and `close`.
 */
/** The users the failure specs sign in, one each. */
const FAILURE_USERS = ['user_unloaded', 'user_session', 'user_refused', 'user_outsider', 'user_unredeemed', 'user_unrevokable', 'user_hung'];

export async function start() {
	// Each control is scoped to one user, so a spec's failure is never met by another worker's test.
	const armed = { revokeOnMint: new Set(), failSignIn: new Map() };
	const fake = createFakeClerk({
		users: ['user_e2e', 'user_member', ...FAILURE_USERS, ...Array.from({ length: 8 }, (_, i) => `user_worker_${i}`)],
		organizations: [{ id: 'org_team', members: ['user_member'] }, 'org_open'],
		rateLimit: true,
	});
	const answered = { frontend: {}, backend: {} };
	const standIns = { count: 0 };
	// Every ticket the fake ever minted, revoked ones included (a revoked token loses its ticket):
	// the run searches everything it wrote for each of them.
	const minted = new Set();
	const handle = fake.handle;
	let origin = '';
	fake.handle = async (request) => {
		const url = new URL(request.url);
		const page = app(url, fake, origin);
		if (page) return page;
		if (url.pathname.startsWith('/__control/')) return control(url.pathname, await request.json().catch(() => ({})), fake, answered, armed);
		// A stand-in that reached Clerk is a sign-in no budget gave a slot to (the fixture lets none through).
		if (request.method === 'POST' && url.pathname === '/v1/client/sign_ins') {
			const ticket = new URLSearchParams(await request.clone().text()).get('ticket') ?? '';
			if (ticket.startsWith('clerk_ticket_stand_in_')) standIns.count++;
		}
		const failed = await failSignIn(request, url, fake, armed.failSignIn);
		const response = failed ?? (await handle(request));
		const kind = url.pathname.startsWith('/v1/sign_in_tokens') ? 'backend' : 'frontend';
		answered[kind][response.status] = (answered[kind][response.status] ?? 0) + 1;
		// A token revoked as soon as it is minted: its ticket is one Clerk refuses, for real.
		if (kind === 'backend' && request.method === 'POST' && url.pathname === '/v1/sign_in_tokens' && response.ok) {
			const token = await response.clone().json();
			minted.add(token.token);
			if (armed.revokeOnMint.delete(token.user_id)) Object.assign(fake.tokens.get(token.id), { status: 'revoked', token: undefined, url: null });
		}
		return response;
	};
	const served = await fake.listen();
	origin = new URL(served.url).origin;
	return { origin, apiUrl: served.url, fake, answered, standIns, minted, close: served.close };
}

// The app: `/` loads clerk-js and calls Clerk.load(); `/no-clerk` is a page without it.
function app(url, fake, origin) {
	if (url.pathname === '/' || url.pathname === '/no-clerk') {
		const clerk =
			url.pathname === '/'
				? `<script src="/clerk-js/clerk.browser.js" data-clerk-publishable-key="${fake.publishableKey}" data-clerk-proxy-url="${origin}"></script>
<script>window.addEventListener('load', () => window.Clerk.load({ telemetry: false }));</script>`
				: '';
		return new Response(`<!doctype html><html><head><link rel="icon" href="data:,"></head><body><h1>App</h1>${clerk}</body></html>`, {
			headers: { 'content-type': 'text/html' },
		});
	}
	if (url.pathname.startsWith('/clerk-js/')) {
		const file = join(clerkJs, url.pathname.slice('/clerk-js/'.length));
		if (!/^[\w.-]+\.js$/.test(url.pathname.slice('/clerk-js/'.length)) || !existsSync(file)) return new Response('not found', { status: 404 });
		return new Response(readFileSync(file), { headers: { 'content-type': 'application/javascript' } });
	}
	return undefined;
}

function control(path, body, fake, answered, armed) {
	if (path === '/__control/revoke-on-next-mint') armed.revokeOnMint.add(body.userId);
	else if (path === '/__control/fail-sign-in') armed.failSignIn.set(body.userId, body.status);
	else if (path === '/__control/hang-sign-in') armed.failSignIn.set(body.userId, 'hang');
	else if (path === '/__control/fail-next') fake.failNext(body.count ?? 1, body.fault, { path: body.path });
	else if (path === '/__control/state')
		return Response.json({ tokens: [...fake.tokens.values()].map(({ id, status, user_id }) => ({ id, status, user_id })), answered });
	else return new Response('unknown control', { status: 404 });
	return Response.json({ ok: true });
}

// The next ticket sign-in of an armed user is answered with the status, as a Clerk outage would be,
// or never ('hang').
async function failSignIn(request, url, fake, armed) {
	if (!armed.size || request.method !== 'POST' || url.pathname !== '/v1/client/sign_ins') return undefined;
	const ticket = new URLSearchParams(await request.clone().text()).get('ticket');
	const token = [...fake.tokens.values()].find((t) => t.token === ticket);
	if (!token || !armed.has(token.user_id)) return undefined;
	const status = armed.get(token.user_id);
	armed.delete(token.user_id);
	// A Clerk that never answers: held until the client gives up (or the server closes).
	if (status === 'hang') return new Promise(() => {});
	return new Response('', { status });
}
