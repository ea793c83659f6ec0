/**
 * Whose budget a key draws on: its SHA-256, in hex — what a budget's engine may store, never the key.
 *
 * @param key The secret key (or another budget's name, as the Frontend API's).
 * @returns The scope.
 */
export async function scopeOf(key: string): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
