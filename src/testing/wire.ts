// The fake's wire format: Clerk's token and error bodies (spec/clerk-bapi-sign-in-tokens.yml,
// components.schemas.SignInToken and ClerkErrors), its IDs, trace ids and ticket-shaped JWTs.
import type { Context, FakeSignInToken } from './types.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function traceHeaders(traceId: string, extra: Record<string, string> = {}): Record<string, string> {
	return { 'x-clerk-trace-id': traceId, ...extra };
}

/**
 * A token as Clerk sends it: without the fake's own `expires_at`.
 *
 * @param token The stored token.
 * @returns The 200 response.
 */
export function wire(token: FakeSignInToken): Response {
	const { expires_at: _, org_id: __, fields, ...sent } = token;
	return Response.json({ ...fields, ...sent }, { headers: traceHeaders(traceId()) });
}

/**
 * Clerk's 422 for one body parameter.
 *
 * @param code Clerk's error code.
 * @param param The parameter.
 * @param message Clerk's short message.
 * @param longMessage Clerk's full message.
 * @returns The response.
 */
export function paramError(code: string, param: string, message: string, longMessage: string): Response {
	return clerkError(422, code, message, longMessage, { param_name: param });
}

/**
 * Clerk's 404.
 *
 * @param longMessage What was not found.
 * @returns The response.
 */
export function notFound(longMessage: string): Response {
	return clerkError(404, 'resource_not_found', 'not found', longMessage);
}

/**
 * Clerk's error body (spec: ClerkErrors); its trace ID is the same as the response's header's.
 *
 * @param status The HTTP status.
 * @param code Clerk's error code.
 * @param message Clerk's short message.
 * @param longMessage Clerk's full message.
 * @param meta The error's `meta`.
 * @param headers More response headers.
 * @returns The response.
 */
export function clerkError(
	status: number,
	code: string,
	message: string,
	longMessage: string,
	meta?: Record<string, unknown>,
	headers?: Record<string, string>,
): Response {
	const trace = traceId();
	const error = { code, message, long_message: longMessage, ...(meta ? { meta } : {}) };
	return Response.json({ errors: [error], meta: {}, clerk_trace_id: trace }, { status, headers: traceHeaders(trace, headers) });
}

/**
 * Parses JSON without throwing.
 *
 * @param text The text.
 * @returns The value, or `undefined` for what is not JSON.
 */
export function parseJSON(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * A random base62 ID body, as Clerk's IDs have.
 *
 * @param length How many characters.
 * @returns The ID body.
 */
export function randomId(length = 27): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => ALPHABET[byte % 62]).join('');
}

function traceId(): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function base64url(text: string): string {
	// `=` is only ever padding at the end of base64.
	return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/**
 * A JWT shaped like Clerk's tickets (header.payload.signature); the signature is random, not RS256.
 *
 * @param payload The claims.
 * @returns The ticket.
 */
export function jwt(payload: Record<string, unknown>): string {
	return [base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })), base64url(JSON.stringify(payload)), randomId(43)].join('.');
}

/**
 * One fixed window of a rate limit, on the fake's clock: `undefined` while `name`'s window has room
 * (the request is counted), else Clerk's 429 with the seconds until the window opens again.
 *
 * @param ctx The fake's clock and windows.
 * @param name Whose window: a secret key, or the Frontend API's sign-ins.
 * @param limit Requests a window admits.
 * @param windowMs How long a window lasts.
 * @returns The 429, or `undefined`.
 */
export function overLimit(ctx: Pick<Context, 'now' | 'windows'>, name: string, limit: number, windowMs: number): Response | undefined {
	const at = ctx.now();
	let window = ctx.windows.get(name);
	if (!window || at >= window.start + windowMs) ctx.windows.set(name, (window = { start: at, count: 0 }));
	if (window.count < limit) {
		window.count++;
		return undefined;
	}
	const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
	return clerkError(429, 'too_many_requests', 'Too many requests', 'Too many requests, please try again later.', undefined, {
		'retry-after': String(retryAfter),
	});
}
