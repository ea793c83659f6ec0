// The request stage: what goes on the wire for one call, built once from its operation, input,
// config and key, and reused by every attempt.
import { VERSION } from '../lib/version.ts';
import type { Call } from './types.ts';

/**
 * One call's request: its URL, and the `fetch` init every attempt sends — straight to the
 * platform's `fetch` without a transport, so the runtime does not build a second `Request` from ky's.
 */
export interface Wire {
	url: string;
	init: { method: string; headers: Record<string, string>; body: string | null; signal: AbortSignal; redirect: 'manual' };
}

/**
 * Builds a call's request. The SDK's protocol headers are set last, so neither the core's nor the
 * call's `headers` can replace them.
 *
 * @param call The call.
 * @param key The resolved secret key.
 * @returns The request.
 */
export function request<I, T>(call: Call<I, T>, key: string): Wire {
	const { op, config, input, options } = call;
	const params = op.params?.(input) ?? {};
	const url = config.serverURL + op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
	const body = call.body ? JSON.stringify(call.body) : null;
	const headers: Record<string, string> = {
		'user-agent': `clerk-sign-in-tokens/${VERSION}`,
		...config.headers,
		...options.headers,
		authorization: `Bearer ${key}`,
		accept: 'application/json',
		'clerk-api-version': config.apiVersion,
		...(body && { 'content-type': 'application/json' }),
	};
	// Redirects are not followed: the key is never carried to another origin.
	return { url, init: { method: op.method, headers, body, signal: call.signal, redirect: 'manual' } };
}
