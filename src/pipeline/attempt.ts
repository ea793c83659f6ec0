// The attempt stage: ky sends and retries; each attempt goes through `attempt`, which gates it,
// refuses to send once the call has ended, and records what the response says (status, trace id,
// wait) in the call, read once. A transport (custom fetch, hooks) and a budget do their own part.
import ky from 'ky';
import type { Options as KyOptions } from 'ky';
import { retryAfterMs } from '../lib/retryAfter.ts';
import { readCapped } from './body.ts';
import type { Wire } from './request.ts';
import { toKyRetry } from './retry.ts';
import type { Call } from './types.ts';

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
	const { transport } = config;
	const caller = options.signal;
	// The core's setting, then the call's: a number is a limit, a policy lays its fields over.
	let policy = op.retry;
	for (const retry of [config.retry, options.retry]) policy = typeof retry === 'number' ? { ...policy, limit: retry } : retry ? retry(policy) : policy;
	return ky(wire.url, {
		// Without a transport an attempt sends what the wire holds, so ky's own Request needs no
		// headers, body or deadline signal: ky's backoff ends by the deadline (see toKyRetry), and
		// the caller's own signal still cuts it short. (A polyfill's signal-like object would break
		// ky's AbortSignal.any: ours stands in.)
		...(transport
			? { ...wire.init, hooks: transport.hooks as KyOptions['hooks'] }
			: { method: op.method, signal: caller === undefined ? null : caller instanceof AbortSignal ? caller : call.signal }),
		// One deadline, ours: ky's own timeouts stop at the Response.
		timeout: false,
		retry: toKyRetry(
			policy,
			op.method,
			() => call.started + call.timeoutMs - Date.now(),
			(response) => (response === call.response ? call.retryAfterMs : retryAfterMs(response.headers)),
			(error) => error === call.fetchFailure,
		),
		// Error bodies stay raw text; outcome.ts parses them.
		parseJson: (text: string) => text,
		fetch: ((request: Request, init?: RequestInit) => attempt(call, wire, request, init)) as NonNullable<KyOptions['fetch']>,
	});
}

/**
 * One attempt.
 *
 * @param call The call.
 * @param wire Its request.
 * @param request ky's `Request` (used only by a transport).
 * @param init ky's init for it.
 * @returns The response; an error status's body already read, capped.
 */
async function attempt<I, T>(call: Call<I, T>, wire: Wire, request: Request, init: RequestInit | undefined): Promise<Response> {
	const { signal, config } = call;
	if (call.attempts && call.batch?.gate) await call.batch.gate(signal);
	// A shared budget's slot, for every attempt: it waits within the call's deadline and signal.
	if (config.budget) await config.budget.take(call);
	// Nothing leaves once the call has ended (a late hook, gate or budget lands here).
	if (signal.aborted) throw signal.reason;
	if (call.attempts++) call.observe?.('retry', call);
	call.sent = Date.now();
	const response = await send(call, wire, request, init);
	call.ended = Date.now();
	const { headers } = response;
	call.fetchFailure = undefined;
	call.status = response.status;
	call.traceId = headers.get('x-clerk-trace-id') ?? headers.get('cf-ray') ?? undefined;
	call.retryAfterMs = response.ok ? undefined : retryAfterMs(headers);
	// Clerk said to wait: everyone sharing the budget waits.
	if (call.status === 429) config.budget?.pause(call);
	call.observe?.('response', call);
	if (response.ok) return (call.response = response);
	// An error status: its body is read here, capped, so ky — which would read an error body up to
	// its own 10 MiB — only sees what is kept. A 304 carries none.
	const kept = await readCapped(response.body, config.maxResponseBytes, signal, true);
	return (call.response = new Response(call.status === 304 ? null : kept, response));
}

// Sends one attempt: straight to the platform's fetch (looked up per call: msw and nock replace
// it), or through the transport.
async function send<I, T>(call: Call<I, T>, wire: Wire, request: Request, init: RequestInit | undefined): Promise<Response> {
	try {
		return await (call.config.transport ? call.config.transport.send(call, request, init) : fetch(wire.url, wire.init));
	} catch (error) {
		// An attempt cut short by the call's end is not a network failure to retry, nor is a fetch's
		// bug, which a transport throws as a RangeError (an answer that is not a usable Response).
		if (!call.signal.aborted && !(error instanceof RangeError)) call.fetchFailure = error;
		call.ended = Date.now();
		throw error;
	}
}
