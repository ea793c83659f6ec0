import { redact } from './redact.ts';

/**
 * Reads a body as UTF-8 text, refusing it once it passes `limit` bytes: one hostile upstream must
 * not exhaust a Worker's 128 MB. The stream is cancelled, not drained.
 *
 * @param response The response.
 * @param limit The largest body accepted, in bytes.
 * @returns The text, or why it was refused.
 */
export async function readText(response: Response, limit: number): Promise<string | { refused: string }> {
	const tooLarge = { refused: `body exceeds ${limit} bytes` };
	// Content-Length counts encoded bytes: with a Content-Encoding the decoded body can be far larger
	// (a gzip bomb), so only an unencoded declared length is trusted.
	const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
	const declared = encoded ? Number.NaN : Number(response.headers.get('content-length') ?? Number.NaN);
	let bytes: Uint8Array;
	if (declared > limit) {
		await response.body?.cancel().catch(() => undefined);
		return tooLarge;
	} else if (declared >= 0 || !response.body) {
		// A declared length is enforced by the HTTP layer, so the native read is safe and fastest.
		bytes = new Uint8Array(await response.arrayBuffer());
	} else {
		const chunks: Uint8Array[] = [];
		let size = 0;
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				await reader.cancel().catch(() => undefined);
				return tooLarge;
			}
			chunks.push(value);
		}
		bytes = new Uint8Array(size);
		size = 0;
		for (const chunk of chunks) {
			bytes.set(chunk, size);
			size += chunk.byteLength;
		}
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return { refused: 'body is not valid UTF-8' };
	}
}

/**
 * Copies headers into a plain object, with lower-cased names, and without any value that holds
 * the secret key: a hostile server could echo it.
 *
 * @param headers The headers.
 * @param secret The key to keep out.
 * @returns The headers as a record.
 */
export function plainHeaders(headers: Headers, secret: string): Record<string, string> {
	const record: Record<string, string> = {};
	headers.forEach((value, name) => {
		record[name] = redact(value, secret);
	});
	return record;
}
