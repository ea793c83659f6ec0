// The attempt stage: ky sends and retries; each attempt goes through `attempt`, which gates it,
// refuses to send once the call has ended, bounds a fetch that ignores its signal, and records what
// the response says (status, trace id, wait) in the call, read once.
import ky from 'ky';
import type { Options as KyOptions } from 'ky';
import { resolvePolicy } from '../core/retry.ts';
import { isolated } from '../lib/isolated.ts';
import { retryAfterMs } from '../lib/retryAfter.ts';
import type { Scrub } from '../lib/scrub.ts';
import { readCapped } from './body.ts';
import type { Call } from './call.ts';
import { ended } from './call.ts';
import type { Wire } from './request.ts';
import { toKyRetry } from './retry.ts';

/**
 * Sends a call's request through ky, with the operation's retry policy and the call's deadline.
 *
 * @param call The call.
 * @param wire Its request.
 * @returns What ky resolves to: the 2xx `Response` (or `undefined` when a hook ended the call); it
 *   rejects with ky's `HTTPError` for any other status, or with what an attempt threw.
 */
export function exchange<I, T>(call: Call<I, T>, wire: Wire): Promise<unknown> {
	const { op, config, options } = call;
	const caller = options.signal;
	return ky(wire.url, {
		// A direct attempt sends what the wire holds, so ky's own Request needs no headers, body or
		// deadline signal: ky's backoff ends by the deadline (see toKyRetry), and the caller's own
		// signal still cuts it short. (A polyfill's signal-like object would break ky's
		// AbortSignal.any: ours stands in.)
		...(wire.direct ? { method: op.method, signal: caller === undefined ? null : caller instanceof AbortSignal ? caller : call.signal } : wire.init),
		// One deadline, ours: ky's own timeouts stop at the Response.
		timeout: false,
		retry: toKyRetry(
			resolvePolicy(op.retry, config.retry, options.retry),
			op.method,
			() => call.started + call.timeoutMs - Date.now(),
			(response) => (response === call.response ? call.retryAfterMs : retryAfterMs(response.headers)),
			(error) => error === call.fetchFailure,
		),
		// Error bodies stay raw text; outcome.ts parses them.
		parseJson: (text: string) => text,
		fetch: ((request: Request, init?: RequestInit) => attempt(call, wire, request, init)) as NonNullable<KyOptions['fetch']>,
		...(config.hooks && { hooks: config.hooks as NonNullable<KyOptions['hooks']> }),
	});
}

const tag = (value: unknown) => Object.prototype.toString.call(value);

/**
 * One attempt.
 *
 * @param call The call.
 * @param wire Its request.
 * @param request ky's `Request` (used only when hooks or a custom fetch need one).
 * @param init ky's init for it.
 * @returns The response; an error status's body already read, capped.
 */
async function attempt<I, T>(call: Call<I, T>, wire: Wire, request: Request, init: RequestInit | undefined): Promise<Response> {
	const { signal, config } = call;
	if (call.attempts && call.batch?.gate) await call.batch.gate(signal);
	// A shared budget's slot, for every attempt: it waits within the call's deadline and signal.
	const note = config.budget && (await config.budget.take((call.scope ??= await scopeOf(call.key as string)), signal));
	if (note) call.emit?.('budget', { note });
	// Nothing leaves once the call has ended (a late hook, gate or budget lands here).
	if (signal.aborted) throw signal.reason;
	if (call.attempts++) call.emit?.('retry', { attempt: call.attempts, reason: call.reason, delayMs: Date.now() - call.ended });
	const sent = Date.now();
	const answer = await send(call, wire, request, init);
	call.ended = Date.now();
	const response = usable(call, answer);
	const { headers } = response;
	call.status = response.status;
	call.traceId = headers.get('x-clerk-trace-id') ?? headers.get('cf-ray') ?? undefined;
	call.retryAfterMs = response.ok ? undefined : retryAfterMs(headers);
	call.reason = `status ${call.status}`;
	// Clerk said to wait: everyone sharing the budget waits.
	if (call.status === 429 && config.budget) isolated(() => config.budget?.pause(call.scope as string, call.retryAfterMs ?? 1000));
	call.emit?.('response', {
		attempt: call.attempts,
		status: call.status,
		durationMs: call.ended - sent,
		traceId: call.traceId && call.scrub(call.traceId),
		retryAfterMs: call.retryAfterMs,
	});
	if (response.ok) return (call.response = response);
	// An error status: its body is read here, capped, so ky — which would read an error body up to
	// its own 10 MiB — only sees what is kept. A 304 carries none.
	const kept = await readCapped(response.body, config.maxResponseBytes, signal, true);
	return (call.response = new Response(call.status === 304 ? null : kept, response));
}

// Sends one attempt: straight to the platform's fetch, or through ky's Request to a custom fetch
// (or the platform's), raced against the call's end — a fetch that ignores its signal still ends
// the attempt when the call does.
async function send<I, T>(call: Call<I, T>, wire: Wire, request: Request, init: RequestInit | undefined): Promise<unknown> {
	try {
		if (wire.direct) return await globalThis.fetch(wire.url, wire.init);
		// A custom fetch is called without a receiver (a Worker's own fetch throws on another one).
		const custom = call.config.fetch;
		return await Promise.race([custom ? custom(request, init) : globalThis.fetch(request, init), aborted(call.signal)]);
	} catch (error) {
		// An attempt cut short by the call's end is not a network failure to retry.
		if (!call.signal.aborted) {
			call.fetchFailure = error;
			call.reason = reasonOf(error, call.scrub);
		}
		call.ended = Date.now();
		throw error;
	}
}

// A Response by tag, not instanceof: a custom fetch (undici's, a polyfill's) may build another
// realm's. What a fetch must never resolve to is a bug in that fetch, not a network failure or an
// API status 0.
function usable<I, T>(call: Call<I, T>, answer: unknown): Response {
	const response = answer as Response;
	const wrong =
		tag(answer) !== '[object Response]'
			? 'something other than a Response'
			: response.type === 'error' || !response.status
				? 'Response.error() or an opaque Response'
				: response.bodyUsed
					? 'a Response whose body was already read'
					: undefined;
	if (wrong) throw new Error((call.misbehaved = `fetch resolved to ${wrong}`));
	return response;
}

// Rejects with the signal's reason when it aborts: raced against a fetch that may never settle.
const aborted = (signal: AbortSignal): Promise<never> =>
	ended(signal).then(() => {
		throw signal.reason;
	});

// Why an attempt failed, for the retry event: the network error's code, down its cause chain, or
// its name.
function reasonOf(error: unknown, scrub: Scrub): string {
	try {
		const { code, cause, name } = error as { code?: unknown; cause?: { code?: unknown }; name?: unknown };
		return scrub(String(code ?? cause?.code ?? name));
	} catch {
		return 'network error';
	}
}

// Whose budget a key draws on: its SHA-256, in hex — what a budget's engine may store, never the key.
async function scopeOf(key: string): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key)));
	return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
