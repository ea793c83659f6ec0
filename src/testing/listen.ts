import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Serves a fetch handler over HTTP on 127.0.0.1, for code that cannot take a custom fetch.
 * Loaded lazily by `fake.listen()`, so the fake itself needs no Node module.
 *
 * @param handler The fetch handler.
 * @param port The port; 0 picks a free one.
 * @returns The base URL (`http://127.0.0.1:<port>/v1`) and a `close` function.
 */
export async function serve(handler: (request: Request) => Promise<Response>, port: number): Promise<{ url: string; close(): Promise<void> }> {
	const server = createServer((req, res) => {
		void answer(handler, req, res);
	});
	// Loopback only: the fake holds no secret, but nothing else on the network should reach it.
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const actual = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://127.0.0.1:${actual}/v1`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

async function answer(handler: (request: Request) => Promise<Response>, req: IncomingMessage, res: ServerResponse) {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string') headers.set(name, value);
	}
	const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
	// A client that hangs up cancels the handler's work (its injected latency, say).
	const gone = new AbortController();
	res.on('close', () => gone.abort());
	try {
		const response = await handler(
			new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method ?? 'GET', headers, signal: gone.signal, ...(body ? { body } : {}) }),
		);
		res.writeHead(response.status, Object.fromEntries(response.headers));
		res.end(Buffer.from(await response.arrayBuffer()));
	} catch {
		// A "network" fault: drop the connection, as a failing network would.
		res.socket?.destroy();
	}
}
