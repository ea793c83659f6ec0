// The harness's Clerk-like server: real HTTP on 127.0.0.1 (nock cannot reach other runtimes).
// Special user IDs pick behaviours: user_429_once (429 with Retry-After: 1, then 200),
// user_hang (never answers), user_slow (answers after 3 s). GET /__requests lists what it saw.
import { createServer } from 'node:http';

export function start(port = 0) {
	const requests = [];
	const tokens = new Map();
	const throttled = new Set();
	let n = 0;
	// Every Clerk response carries x-clerk-trace-id; an error body repeats it as clerk_trace_id.
	const json = (res, status, body, headers = {}) => {
		res.writeHead(status, { 'content-type': 'application/json', 'x-clerk-trace-id': body.clerk_trace_id ?? 'trace_runtime_ok', ...headers });
		res.end(JSON.stringify(body));
	};
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			if (req.url === '/__requests') return json(res, 200, requests);
			requests.push({ method: req.method, path: req.url, headers: req.headers, body });
			const revoke = /^\/v1\/sign_in_tokens\/([^/]+)\/revoke$/.exec(req.url ?? '');
			if (req.method === 'POST' && req.url === '/v1/sign_in_tokens') {
				const input = JSON.parse(body || '{}');
				if (input.user_id === 'user_hang') return; // never answers
				if (input.user_id === 'user_429_once' && !throttled.has('x')) {
					throttled.add('x');
					return json(
						res,
						429,
						{ errors: [{ code: 'too_many_requests', message: 'Too many requests', long_message: 'Too many requests' }], clerk_trace_id: 'trace_429' },
						{ 'retry-after': '1' },
					);
				}
				const now = Date.now();
				const token = {
					object: 'sign_in_token',
					id: `sit_rt${(n++).toString().padStart(6, '0')}`,
					status: 'pending',
					user_id: input.user_id,
					token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln',
					url: 'https://example.accounts.dev/v1/tickets/accept?ticket=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2ln',
					created_at: now,
					updated_at: now,
				};
				tokens.set(token.id, token);
				const send = () => json(res, 200, token);
				return input.user_id === 'user_slow' ? setTimeout(send, 3_000).unref() : send();
			}
			if (req.method === 'POST' && revoke) {
				const token = tokens.get(revoke[1]);
				if (!token)
					return json(res, 404, {
						errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'Resource not found' }],
						clerk_trace_id: 'trace_runtime_matrix',
					});
				if (token.status !== 'pending') {
					// Clerk's error catalogue: SignInTokenCannotBeRevoked.
					return json(res, 400, {
						errors: [
							{
								code: 'sign_in_token_cannot_be_revoked_code',
								message: 'cannot revoke',
								long_message: `Sign in token cannot be revoked because its status is ${token.status}. Only pending tokens can be revoked.`,
							},
						],
						meta: {},
						clerk_trace_id: 'trace_runtime_matrix',
					});
				}
				Object.assign(token, { status: 'revoked', updated_at: Date.now(), token: undefined, url: null });
				return json(res, 200, token);
			}
			json(res, 404, { errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'Resource not found' }] });
		});
	});
	return new Promise((resolve) => {
		server.listen(port, '127.0.0.1', () => {
			resolve({
				base: `http://127.0.0.1:${server.address().port}`,
				close: () =>
					new Promise((done) => {
						server.closeAllConnections();
						server.close(() => done());
					}),
			});
		});
	});
}
