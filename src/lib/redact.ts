// Keeping the secret key out of everything the SDK hands back: texts, headers and error causes.

/**
 * Replaces every occurrence of the key in a text.
 *
 * @param text The text.
 * @param secret The key.
 * @returns The text without the key.
 */
export function redact(text: string, secret: string): string {
	return text.includes(secret) ? text.split(secret).join('[REDACTED]') : text;
}

/**
 * Returns the cause itself when nothing reachable from it (messages, stacks, properties, a
 * Request's headers) holds the key, else a copy with the message and stack redacted.
 *
 * @param cause What was thrown (by fetch, a hook, the platform).
 * @param key The key to keep out.
 * @returns A cause that is safe to hand to the caller.
 */
export function safeCause<T>(cause: T, key: string): T | Error {
	try {
		if (!holds(cause, key, 0)) return cause;
		const error = cause as Partial<Error>;
		const copy = new Error(redact(String(error.message), key));
		copy.name = String(error.name);
		copy.stack = redact(String(error.stack), key);
		return copy;
	} catch {
		return new Error('a cause that could not be read');
	}
}

function holds(value: unknown, key: string, depth: number): boolean {
	if (typeof value === 'string') return value.includes(key);
	if (typeof value !== 'object' || value === null || depth > 4) return false;
	if (value instanceof Request) return holds(value.headers, key, depth + 1);
	if (value instanceof Headers) return [...value.values()].some((header) => header.includes(key));
	const error = value as Partial<Error>;
	const own = Object.values(value).concat(value instanceof Error ? [error.message, error.stack, error.cause] : []);
	return own.some((item) => holds(item, key, depth + 1));
}
