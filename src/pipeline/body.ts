// Reading bodies with a cap: one hostile upstream must not exhaust a Worker's 128 MB.

const noop = () => {};
let utf8: TextDecoder | undefined;

/**
 * Reads a stream up to `limit` bytes, cancelling it at the cap or when `signal` aborts (a body that
 * never ends, from a custom fetch that ignores the signal, still stops).
 *
 * @param body The stream, or `null` for no body.
 * @param limit The most bytes kept.
 * @param signal The call's signal.
 * @param keep For an error body: keep the first `limit` bytes and what arrived before a failure,
 *   instead of refusing (`undefined`) or rethrowing.
 * @returns The bytes, or `undefined` when the body passed `limit` and `keep` is false.
 */
export async function readCapped(
	body: ReadableStream<Uint8Array> | null,
	limit: number,
	signal: AbortSignal,
	keep: boolean,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
	if (!body) return new Uint8Array();
	const reader = body.getReader();
	const cancel = () => void reader.cancel().catch(noop);
	signal.addEventListener('abort', cancel);
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (size + value.byteLength > limit) {
				cancel();
				if (!keep) return undefined;
				chunks.push(new Uint8Array(value.buffer, value.byteOffset, limit - size));
				size = limit;
				break;
			}
			chunks.push(value);
			size += value.byteLength;
		}
	} catch (error) {
		if (!keep) throw error;
	} finally {
		signal.removeEventListener('abort', cancel);
	}
	const bytes = new Uint8Array(size);
	size = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, size);
		size += chunk.byteLength;
	}
	return bytes;
}

/**
 * Reads a successful body as UTF-8 text, refusing it past `limit` bytes or when it is not UTF-8.
 *
 * @param response The response.
 * @param limit The largest body accepted, in bytes.
 * @param signal The call's signal.
 * @param platform Whether the response came straight from the platform's fetch, whose HTTP layer
 *   ends a body at its `Content-Length`: only then is a declared length trusted (and only without a
 *   `Content-Encoding`, since a gzip bomb's decoded size is not its declared one).
 * @returns The text, or why it was refused.
 */
export async function readBody(response: Response, limit: number, signal: AbortSignal, platform: boolean): Promise<string | { refused: string }> {
	const tooLarge = { refused: `body exceeds ${limit} bytes` };
	const headers = response.headers;
	const declared = platform && !headers.has('content-encoding') ? Number(headers.get('content-length') ?? Number.NaN) : Number.NaN;
	if (declared > limit) {
		response.body?.cancel().catch(noop);
		return tooLarge;
	}
	// A declared length within the cap: the one native read is the cheapest.
	const bytes = declared >= 0 ? new Uint8Array(await response.arrayBuffer()) : await readCapped(response.body, limit, signal, false);
	if (!bytes || bytes.byteLength > limit) return tooLarge;
	try {
		return (utf8 ??= new TextDecoder('utf-8', { fatal: true })).decode(bytes);
	} catch {
		return { refused: 'body is not valid UTF-8' };
	}
}
