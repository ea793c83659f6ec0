import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

// A fault-injection server on 127.0.0.1: nock answers at the HTTP-object level, while real faults
// happen on sockets. Each request takes the next fault of the plan (then `ok`).
export type Fault =
	| 'ok'
	| 'reset'
	| 'close-after-headers'
	| 'trickle'
	| 'endless-chunked'
	| 'huge'
	| 'huge-chunked'
	| 'bad-utf8'
	| 'truncated-json'
	| 'gzip-bomb'
	| 'html-200'
	| 'html-502'
	| 'huge-500'
	| { status: number; retryAfter?: string; body?: string };

const tokenBody = (id: string, status: string) =>
	JSON.stringify({
		object: 'sign_in_token',
		id,
		status,
		user_id: 'user_123',
		token: 'eyJ.eyJ.sig',
		url: 'https://x.accounts.dev/v1/tickets/accept?ticket=eyJ',
		created_at: 1_767_225_600_000,
		updated_at: 1_767_225_600_000,
	});

const HUGE = Buffer.alloc(10 * 1024 * 1024, 0x61); // 10 MB of "a"
let bomb: Buffer | undefined; // 256 MiB of zeros, gzipped once (~250 kB)
export const gzipBomb = (): Buffer => (bomb ??= gzipSync(Buffer.alloc(256 * 1024 * 1024), { level: 1 }));

export interface FaultServer {
	url: string;
	/** Requests received, by path. */
	requests: string[];
	plan(...faults: Fault[]): void;
	close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
	const queue: Fault[] = [];
	const requests: string[] = [];
	const timers = new Set<NodeJS.Timeout>();
	let n = 0;
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			requests.push(req.url ?? '');
			serve(queue.shift() ?? 'ok', req, res);
		});
	});
	const serve = (fault: Fault, req: IncomingMessage, res: ServerResponse) => {
		const revoke = /\/sign_in_tokens\/([^/]+)\/revoke$/.exec(req.url ?? '');
		const ok = revoke ? tokenBody(revoke[1] ?? '', 'revoked') : tokenBody(`sit_f${n++}`, 'pending');
		if (typeof fault === 'object') {
			const body =
				fault.body ??
				JSON.stringify({ errors: [{ code: 'too_many_requests', message: 'slow down', long_message: 'Too many requests' }], clerk_trace_id: 'trace_fault' });
			res.writeHead(fault.status, { 'content-type': 'application/json', ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }) });
			return res.end(body);
		}
		switch (fault) {
			case 'ok':
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(ok);
			case 'reset':
				return req.socket.resetAndDestroy();
			case 'close-after-headers':
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
				res.flushHeaders();
				return void setImmediate(() => req.socket.destroy());
			case 'trickle':
			case 'endless-chunked': {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write('{"object":"sign_in_token",');
				if (fault === 'endless-chunked') return;
				const timer = setInterval(() => res.write(' '), 100);
				timers.add(timer);
				res.on('close', () => {
					clearInterval(timer);
					timers.delete(timer);
				});
				return;
			}
			case 'huge':
				res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(HUGE.length) });
				return res.end(HUGE);
			case 'huge-chunked':
				res.writeHead(200, { 'content-type': 'application/json' });
				for (let i = 0; i < 10; i++) res.write(HUGE.subarray(i * 1_048_576, (i + 1) * 1_048_576));
				return res.end();
			case 'bad-utf8':
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]));
			case 'truncated-json':
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end(ok.slice(0, 40));
			case 'gzip-bomb': {
				const body = gzipBomb();
				res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length) });
				return res.end(body);
			}
			case 'html-200':
				res.writeHead(200, { 'content-type': 'text/html' });
				return res.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
			case 'huge-500':
				res.writeHead(500, { 'content-type': 'text/plain', 'content-length': String(HUGE.length) });
				return res.end(HUGE);
			case 'html-502':
				res.writeHead(502, { 'content-type': 'text/html', 'cf-ray': '8f00aa-LHR' });
				return res.end(
					'<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>',
				);
		}
	};
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		plan: (...faults) => {
			queue.length = 0;
			requests.length = 0;
			queue.push(...faults);
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearInterval(timer);
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
