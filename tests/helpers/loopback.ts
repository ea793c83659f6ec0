// The one loopback HTTP server tests start: a handler on 127.0.0.1, a port picked by the OS, and a
// close that drops open connections.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Loopback {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	close(): Promise<void>;
}

export async function loopback(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Loopback> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
