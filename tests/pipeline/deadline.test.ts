// One deadline and one abort for everything a call awaits (issue: "Keep every promise"): the key,
// hooks, fetch, attempts, backoff and body, whatever user code does. Fake timers make the deadline
// exact and the machine's load irrelevant: each test moves time to just before the deadline (the
// call must still be pending) and then onto it (the call must have settled).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { KEY, coreOf, never, wireToken } from '../helpers/wire.ts';
import type { TestConfig } from '../helpers/wire.ts';
import { policy } from '../../src/retry.ts';

const TIMEOUT = 1_000;

/** Tracks a promise's settlement without awaiting it. */
function watch<T>(promise: Promise<T>) {
	const state: { done: boolean; value?: T } = { done: false };
	void promise.then((value) => Object.assign(state, { done: true, value }));
	return state;
}

/** A fetch that counts what reaches it and answers with `answer`. */
function counting(answer: (request: Request) => Promise<Response> = async () => Response.json(wireToken)) {
	const calls: Request[] = [];
	const fetch = (request: Request) => {
		calls.push(request);
		return answer(request);
	};
	return { calls, fetch };
}

const core = (config: TestConfig) => coreOf({ secretKey: KEY, timeoutMs: TIMEOUT, retry: { delay: () => 0, jitter: false }, ...config });

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
	vi.useFakeTimers();
	unhandled = [];
	process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
	// Late settlements of abandoned callbacks land here: none may surface as an unhandled rejection.
	await vi.runAllTimersAsync();
	vi.useRealTimers();
	await new Promise((resolve) => setImmediate(resolve));
	process.off('unhandledRejection', onUnhandled);
	expect(unhandled).toEqual([]);
});

/** Runs a call to its deadline and returns its result; asserts it was pending just before. */
async function atDeadline<T>(call: Promise<T>, deadline = TIMEOUT): Promise<T> {
	const state = watch(call);
	await vi.advanceTimersByTimeAsync(deadline - 1);
	expect(state.done, 'settled before the deadline').toBe(false);
	await vi.advanceTimersByTimeAsync(1);
	expect(state.done, 'still pending at the deadline').toBe(true);
	// No timer of the call outlives it: its deadline is cleared, no backoff sleeps on.
	expect(vi.getTimerCount()).toBe(0);
	return call;
}

describe('the deadline bounds the key provider', () => {
	test('a provider that never resolves ends as a timeout, with no request sent', async () => {
		const { calls, fetch } = counting();

		const res = await atDeadline(signInTokensCreate(core({ fetch, secretKey: () => never<string>() }), { userId: 'user_123' }));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', timeoutMs: TIMEOUT } });
		expect(calls).toHaveLength(0);
	});

	test('a key that arrives after the deadline is a timeout, and nothing is sent when it arrives', async () => {
		const { calls, fetch } = counting();
		const key = Promise.withResolvers<string>();

		const res = await atDeadline(signInTokensCreate(core({ fetch, secretKey: () => key.promise }), { userId: 'user_123' }));
		key.resolve(KEY);
		await vi.runAllTimersAsync();

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(calls).toHaveLength(0);
	});

	test('aborting while the provider is pending ends the call at once, and nothing is sent later', async () => {
		const { calls, fetch } = counting();
		const key = Promise.withResolvers<string>();
		const controller = new AbortController();

		const call = watch(signInTokensCreate(core({ fetch, secretKey: () => key.promise }), { userId: 'user_123' }, { signal: controller.signal }));
		await vi.advanceTimersByTimeAsync(10);
		controller.abort(new Error('user left'));
		await vi.advanceTimersByTimeAsync(0);
		key.resolve(KEY);
		await vi.runAllTimersAsync();

		expect(call.done).toBe(true);
		// The key never arrived before the call ended, so there was nothing to scrub the reason
		// with: only its name is handed over.
		expect(call.value).toMatchObject({ ok: false, error: { kind: 'aborted', cause: { name: 'Error', message: '[withheld]' } } });
		expect(calls).toHaveLength(0);
	});

	test('a provider that rejects after the deadline causes no unhandled rejection', async () => {
		const key = Promise.withResolvers<string>();
		const res = await atDeadline(signInTokensCreate(core({ fetch: counting().fetch, secretKey: () => key.promise }), { userId: 'user_123' }));
		key.reject(new Error('vault down, late'));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
	});
});

describe('the deadline bounds hooks', () => {
	test.each([
		['beforeRequest', { beforeRequest: [() => never<void>()] }],
		['afterResponse', { afterResponse: [() => never<void>()] }],
	])('a %s hook that never settles ends as a timeout', async (_, hooks) => {
		const { fetch } = counting();

		const res = await atDeadline(signInTokensCreate(core({ fetch, hooks }), { userId: 'user_123' }));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
	});

	test('a beforeRetry hook that never settles ends as a timeout, after one attempt', async () => {
		const { calls, fetch } = counting(async () => new Response('', { status: 503 }));

		const res = await atDeadline(signInTokensCreate(core({ fetch, hooks: { beforeRetry: [() => never<void>()] } }), { userId: 'user_123' }));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(calls).toHaveLength(1);
	});

	test('a beforeRequest hook that settles after the deadline sends nothing', async () => {
		const { calls, fetch } = counting();
		const hook = Promise.withResolvers<void>();

		const res = await atDeadline(signInTokensCreate(core({ fetch, hooks: { beforeRequest: [() => hook.promise] } }), { userId: 'user_123' }));
		hook.resolve();
		await vi.runAllTimersAsync();

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(calls).toHaveLength(0);
	});

	test('a hook that rejects after the deadline causes no unhandled rejection', async () => {
		const hook = Promise.withResolvers<void>();

		const res = await atDeadline(signInTokensCreate(core({ fetch: counting().fetch, hooks: { beforeRequest: [() => hook.promise] } }), { userId: 'user_123' }));
		hook.reject(new Error('late hook failure'));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
	});
});

describe('the deadline bounds fetch and the body', () => {
	test('a fetch that ignores its signal and never settles ends as a timeout', async () => {
		// The proxy-style fetch: `fetch(req.url, { method, headers, body })`, signal dropped.
		const { calls, fetch } = counting(() => never<Response>());

		const res = await atDeadline(signInTokensRevoke(core({ fetch }), { signInTokenId: 'sit_1' }));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		// A timed-out attempt is not a network failure: revoke does not retry it.
		expect(calls).toHaveLength(1);
	});

	test.each([200, 500])('a %i body that never ends ends as a timeout, its stream cancelled', async (status) => {
		let cancelled = false;
		const body = new ReadableStream<Uint8Array>({
			start: (controller) => controller.enqueue(new TextEncoder().encode('{"object":')),
			cancel: () => {
				cancelled = true;
			},
		});
		const { fetch } = counting(async () => new Response(body, { status }));

		const res = await atDeadline(signInTokensCreate(core({ fetch, retry: 0 }), { userId: 'user_123' }));

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(cancelled).toBe(true);
	});

	test('a call-level timeoutMs replaces the core deadline', async () => {
		const res = await atDeadline(signInTokensCreate(core({ fetch: counting(() => never<Response>()).fetch }), { userId: 'user_123' }, { timeoutMs: 250 }), 250);

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', timeoutMs: 250, message: 'Request timed out after 250 ms' } });
	});
});

// The platform's fetch takes another route through the pipeline than a custom one (the attempt is
// sent from the URL, headers and body held by the pipeline, and ky is not handed the deadline's
// signal): backoffs must end with the call on both.
describe.each([
	['a custom fetch', (fetch: (request: Request) => Promise<Response>) => ({ fetch })],
	[
		"the platform's fetch",
		(fetch: (request: Request) => Promise<Response>) => {
			vi.stubGlobal('fetch', (url: string, init: RequestInit) => fetch(new Request(url, init)));
			return {};
		},
	],
] as const)('backoffs end with the call, through %s', (_, using) => {
	afterEach(() => {
		vi.unstubAllGlobals();
	});

	test('a backoff longer than what remains is cut by the deadline; the retry is never sent, no timer outlives the call', async () => {
		const { calls, fetch } = counting(async () => new Response('', { status: 503 }));

		const res = await atDeadline(
			signInTokensCreate(core({ ...using(fetch), retry: policy({ delay: () => 5_000, backoffLimit: 10_000, jitter: false }) }), { userId: 'user_123' }),
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(calls).toHaveLength(1);
	});

	test('a full-jitter backoff is cut by the deadline too', async () => {
		vi.spyOn(Math, 'random').mockReturnValue(0.99);
		const { calls, fetch } = counting(async () => new Response('', { status: 503 }));

		const res = await atDeadline(
			signInTokensCreate(core({ ...using(fetch), retry: policy({ delay: () => 5_000, backoffLimit: 10_000, jitter: true }) }), { userId: 'user_123' }),
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout' } });
		expect(calls).toHaveLength(1);
		vi.mocked(Math.random).mockRestore();
	});

	test("the caller's signal wins during a backoff: the retry is never sent, and the backoff's timer goes at once", async () => {
		const { calls, fetch } = counting(async () => new Response('', { status: 503 }));
		const controller = new AbortController();

		const call = watch(
			signInTokensCreate(core({ ...using(fetch), retry: policy({ delay: () => 500, jitter: false }) }), { userId: 'user_123' }, { signal: controller.signal }),
		);
		await vi.advanceTimersByTimeAsync(100);
		expect(calls).toHaveLength(1);
		controller.abort(new Error('shutting down'));
		await vi.advanceTimersByTimeAsync(0);

		expect(call.value).toMatchObject({ ok: false, error: { kind: 'aborted', cause: { name: 'Error', message: 'shutting down' } } });
		expect(vi.getTimerCount()).toBe(0);
		await vi.runAllTimersAsync();
		expect(calls).toHaveLength(1);
	});

	test("a polyfill's signal-like object aborts the call during a backoff just the same", async () => {
		const { calls, fetch } = counting(async () => new Response('', { status: 503 }));
		// What abort-controller polyfills hand out: an EventTarget with `aborted` and `reason`, not an AbortSignal.
		const target = new EventTarget();
		const signal = Object.assign(target, { aborted: false, reason: undefined as unknown });
		const abort = (reason: unknown) => {
			Object.assign(signal, { aborted: true, reason });
			target.dispatchEvent(new Event('abort'));
		};

		const call = watch(
			signInTokensCreate(
				core({ ...using(fetch), retry: policy({ delay: () => 500, jitter: false }) }),
				{ userId: 'user_123' },
				{
					signal: signal as unknown as AbortSignal,
				},
			),
		);
		await vi.advanceTimersByTimeAsync(100);
		expect(calls).toHaveLength(1);
		abort(new Error('polyfilled stop'));
		await vi.advanceTimersByTimeAsync(0);

		expect(call.value).toMatchObject({ ok: false, error: { kind: 'aborted', cause: { message: 'polyfilled stop' } } });
		expect(vi.getTimerCount()).toBe(0);
		expect(calls).toHaveLength(1);
	});

	test('a backoff within the deadline is slept in full, then the retry is sent', async () => {
		const { calls, fetch } = counting(async () => (calls.length === 1 ? new Response('', { status: 503 }) : Response.json(wireToken)));

		const call = watch(signInTokensCreate(core({ ...using(fetch), retry: policy({ delay: () => 400, jitter: false }) }), { userId: 'user_123' }));
		await vi.advanceTimersByTimeAsync(399);
		expect(calls).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);

		expect(calls).toHaveLength(2);
		expect(call.value).toMatchObject({ ok: true, value: { id: wireToken.id } });
	});
});

describe("the caller's signal", () => {
	test('ends a call whose fetch ignores the signal', async () => {
		const { fetch } = counting(() => never<Response>());
		const controller = new AbortController();

		const call = watch(signInTokensCreate(core({ fetch }), { userId: 'user_123' }, { signal: controller.signal }));
		await vi.advanceTimersByTimeAsync(10);
		controller.abort();
		await vi.advanceTimersByTimeAsync(0);

		expect(call.value).toMatchObject({ ok: false, error: { kind: 'aborted', cause: { name: 'AbortError' } } });
		expect(vi.getTimerCount()).toBe(0);
	});

	test('already aborted: nothing is sent, no timer is left', async () => {
		const { calls, fetch } = counting();

		const res = await signInTokensCreate(core({ fetch }), { userId: 'user_123' }, { signal: AbortSignal.abort(new Error('too late')) });

		expect(res).toMatchObject({ ok: false, error: { kind: 'aborted', cause: { message: 'too late' } } });
		expect(calls).toHaveLength(0);
		expect(vi.getTimerCount()).toBe(0);
	});

	test('leaves no listener on a long-lived signal after many calls', async () => {
		const controller = new AbortController();
		const added = vi.spyOn(controller.signal, 'addEventListener');
		const removed = vi.spyOn(controller.signal, 'removeEventListener');
		const c = core({ fetch: counting().fetch });

		for (let i = 0; i < 20; i++) await signInTokensCreate(c, { userId: 'user_123' }, { signal: controller.signal });

		// Each call listens to the caller's signal, and lets go of it when it settles.
		expect(added.mock.calls.length).toBe(20);
		expect(removed.mock.calls.length).toBe(20);
	});
});
