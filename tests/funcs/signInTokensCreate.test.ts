import { Readable } from 'node:stream';
import { describe, expect, test, vi } from 'vitest';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { ClerkAPIError } from '../../src/errors/ClerkAPIError.ts';
import { mockClerk } from '../helpers/nock.ts';
import { KEY, clerkErrors, never, protocolHeaders, testCore, token, wireToken } from '../helpers/wire.ts';
import { policy } from '../../src/retry.ts';

const PATH = '/v1/sign_in_tokens';

describe('signInTokensCreate', () => {
	test('sends the exact request and returns the camelCase token with its HttpMeta', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(200, wireToken, { 'cf-ray': 'ray_1', 'x-clerk-trace-id': 'trace_ok_1' });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123', expiresInSeconds: 3600 });

		expect(res).toEqual({
			ok: true,
			value: token,
			response: {
				status: 200,
				headers: { 'cf-ray': 'ray_1', 'x-clerk-trace-id': 'trace_ok_1', 'content-type': 'application/json' },
				traceId: 'trace_ok_1',
			},
		});
		expect(seen).toHaveLength(1);
		expect(seen[0]).toMatchObject({
			method: 'POST',
			path: PATH,
			headers: protocolHeaders(true),
			body: JSON.stringify({ user_id: 'user_123', expires_in_seconds: 3600 }),
		});
	});

	test('sends only the user when optionals are absent, leaving the 30-day default to the server', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(200, wireToken);

		await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen[0]?.body).toBe('{"user_id":"user_123"}');
	});

	test('sends org_id, and sends null when orgId is null', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(200, wireToken).post(PATH).reply(200, wireToken);

		await signInTokensCreate(testCore(), { userId: 'user_123', orgId: 'org_1' });
		await signInTokensCreate(testCore(), { userId: 'user_123', orgId: null });

		expect(seen.map((s) => s.body)).toEqual(['{"user_id":"user_123","org_id":"org_1"}', '{"user_id":"user_123","org_id":null}']);
	});

	test('ignores unknown response fields and passes an unknown status through', async () => {
		const { scope } = mockClerk();
		scope.post(PATH).reply(200, { ...wireToken, status: 'expired', brand_new_field: { a: 1 } });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: true, value: { ...token, status: 'expired' } });
		expect(res.ok && 'brand_new_field' in res.value).toBe(false);
	});

	test('accepts a token without token and with a null url', async () => {
		const { scope } = mockClerk();
		const { token: _t, ...rest } = wireToken;
		scope.post(PATH).reply(200, { ...rest, url: null });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		const { token: _omit, ...expected } = token;
		expect(res).toMatchObject({ ok: true, value: { ...expected, url: null } });
		expect(res.ok && 'token' in res.value).toBe(false);
	});

	test.each([
		[400, 'form_param_missing', 'user_id is missing', 'user_id must be included.'],
		[401, 'authentication_invalid', 'Unauthorized request', 'You are not authorized to perform this request'],
		[403, 'authorization_invalid', 'Unauthorized request', 'You are not authorized to perform this request'],
		[404, 'resource_not_found', 'not found', 'User not found'],
		[422, 'form_param_format_invalid', 'is invalid', 'expires_in_seconds must be greater than 0'],
	])('returns a ClerkAPIError with the parsed errors and trace id for a %i', async (status, code, message, longMessage) => {
		const { scope, seen } = mockClerk();
		const body = clerkErrors(code, message, longMessage, { param_name: 'user_id' });
		scope.post(PATH).reply(status, body, { 'cf-ray': 'ray_2' });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(1); // 4xx other than 429 is never retried
		expect(res.ok).toBe(false);
		if (res.ok) return;
		expect(res.error).toBeInstanceOf(ClerkAPIError);
		expect(res.error).toMatchObject({
			kind: 'api',
			name: 'ClerkAPIError',
			status,
			errors: [{ code, message, longMessage, meta: { param_name: 'user_id' } }],
			clerkTraceId: 'trace_abc123',
			retryAfter: undefined,
			body: JSON.stringify(body),
			headers: { 'cf-ray': 'ray_2', 'content-type': 'application/json' },
		});
		expect(res.error.message).toBe(`Request failed with status ${status}: ${longMessage}`);
	});

	test('returns a ClerkAPIError with no errors and the cf-ray trace for an HTML 502 page, without retrying', async () => {
		const { scope, seen } = mockClerk();
		const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
		scope.post(PATH).reply(502, html, { 'content-type': 'text/html', 'cf-ray': 'ray_502' });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'api', status: 502, errors: [], clerkTraceId: 'ray_502', body: html, message: 'Request failed with status 502' },
		});
	});

	test.each([500, 502, 504])('does not retry a %i, which may have minted a token', async (status) => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(status, clerkErrors('internal_clerk_error', 'Oops', 'Something went wrong'));

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status } });
	});

	test('retries a 429 and a 503, then succeeds', async () => {
		const { scope, seen } = mockClerk();
		scope
			.post(PATH)
			.reply(429, clerkErrors('too_many_requests', 'Too many requests', 'Too many requests'))
			.post(PATH)
			.reply(503, 'unavailable')
			.post(PATH)
			.reply(200, wireToken);

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: true, value: token });
		expect(seen.map((s) => s.body)).toEqual(Array(3).fill('{"user_id":"user_123"}'));
		expect(seen.every((s) => s.headers.authorization === `Bearer ${KEY}`)).toBe(true);
	});

	test('returns the last 429 once the two retries are spent', async () => {
		const { scope, seen } = mockClerk();
		scope
			.post(PATH)
			.times(3)
			.reply(429, clerkErrors('too_many_requests', 'Too many requests', 'Slow down'), { 'retry-after': '0' });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(3);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 429, retryAfter: 0, message: 'Request failed with status 429: Slow down' } });
	});

	test('honours a Retry-After of 1 second before retrying', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(429, '', { 'retry-after': '1' }).post(PATH).reply(200, wireToken);
		// Record the waits asked for, and shorten the 1 s one, so the test proves the wait without
		// sleeping it (fake timers would also freeze the HTTP mock's own timers).
		const real = globalThis.setTimeout;
		const waits: number[] = [];
		vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
			waits.push(ms ?? 0);
			return real(fn, ms === 1000 ? 0 : ms);
		}) as typeof setTimeout);

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res.ok).toBe(true);
		expect(seen).toHaveLength(2);
		expect(waits).toContain(1000);
	});

	test('returns a 429 at once, with retryAfter, when Retry-After exceeds the cap', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(429, '', { 'retry-after': '120' });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 429, retryAfter: 120 } });
	});

	test('returns a 503 at once when Retry-After is beyond the remaining deadline', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(503, '', { 'retry-after': '5' });

		const res = await signInTokensCreate(testCore({ timeoutMs: 2000 }), { userId: 'user_123' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 503, retryAfter: 5 } });
	});

	test('retries a refused connection, which proves nothing was sent', async () => {
		const { scope, seen } = mockClerk();
		scope
			.post(PATH)
			.replyWithError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }))
			.post(PATH)
			.reply(200, wireToken);

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(2);
		expect(res).toMatchObject({ ok: true, value: token });
	});

	test('does not retry a reset connection and returns a ConnectionError', async () => {
		const { scope, seen } = mockClerk();
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		scope.post(PATH).replyWithError(reset);

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'connection', name: 'ConnectionError', message: 'Connection to Clerk failed: fetch failed' } });
		// A scrubbed copy, never the runtime's own object: name, message and code survive.
		const cause = !res.ok ? (res.error.cause as Error & { cause: Error & { code: string } }) : undefined;
		expect(cause?.cause).not.toBe(reset);
		expect(cause?.cause).toMatchObject({ name: 'Error', message: 'socket hang up', code: 'ECONNRESET' });
	});

	test('retries on a 500 when the caller widens the policy', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(500, '').post(PATH).reply(200, wireToken);

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' }, { retry: policy({ statusCodes: [429, 500, 503] }) });

		expect(seen).toHaveLength(2);
		expect(res.ok).toBe(true);
	});

	test('does not retry a 429 when the caller sets retry to 0', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(429, '');

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' }, { retry: 0 });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 429 } });
	});

	test('returns a TimeoutError when the server does not answer within timeoutMs, without retrying', async () => {
		// The deadline runs on fake timers, moved on only once the server has the request: no race
		// with a busy machine, and the call is seen to settle the moment the deadline passes.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const { scope, seen } = mockClerk();
		const arrived = Promise.withResolvers<void>();
		scope.post(PATH).reply(() => {
			arrived.resolve();
			return never();
		});

		const pending = signInTokensCreate(testCore(), { userId: 'user_123' }, { timeoutMs: 100 });
		await arrived.promise;
		await vi.advanceTimersByTimeAsync(100);
		const res = await pending;

		expect(res).toMatchObject({ ok: false, error: { kind: 'timeout', timeoutMs: 100, message: 'Request timed out after 100 ms' } });
		expect(seen).toHaveLength(1);
		expect(vi.getTimerCount()).toBe(0);
		vi.useRealTimers();
	});

	test('returns an AbortedError when the caller aborts mid-request', async () => {
		const { scope, seen } = mockClerk();
		const controller = new AbortController();
		const reason = new Error('user navigated away');
		// Aborted once the request has reached the server, not after a guessed delay.
		scope.post(PATH).reply(() => {
			controller.abort(reason);
			return never();
		});

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' }, { signal: controller.signal });

		expect(seen).toHaveLength(1);
		expect(res).toMatchObject({ ok: false, error: { kind: 'aborted', cause: { name: 'Error', message: 'user navigated away' } } });
	});

	test('returns an AbortedError without a request when the signal is already aborted', async () => {
		const res = await signInTokensCreate(testCore(), { userId: 'user_123' }, { signal: AbortSignal.abort() });

		expect(res).toMatchObject({ ok: false, error: { kind: 'aborted' } });
	});

	test.each([
		['a non-JSON body', 'not json', 'text/plain', 'Invalid response with status 200: body is not JSON'],
		['a truncated JSON body', '{"object":"sign_in_token","id":', 'application/json', 'Invalid response with status 200: body is not JSON'],
		['an empty body', '', 'application/json', 'Invalid response with status 200: body is not JSON'],
	])('returns a ResponseValidationError for %s', async (_, body, type, message) => {
		const { scope } = mockClerk();
		scope.post(PATH).reply(200, body, { 'content-type': type });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200, body, message } });
	});

	test('returns a ResponseValidationError naming the fields of a wrong-shape body', async () => {
		const { scope } = mockClerk();
		scope.post(PATH).reply(200, { ...wireToken, id: 42, created_at: undefined });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-response', status: 200 } });
		expect(!res.ok && res.error.kind === 'invalid-response' && res.error.issues.map((i) => i.path)).toEqual(['id', 'created_at']);
	});

	test('refuses a body over maxResponseBytes without reading it', async () => {
		const { scope } = mockClerk();
		scope.post(PATH).reply(200, JSON.stringify({ ...wireToken, pad: 'x'.repeat(2048) }));

		const res = await signInTokensCreate(testCore({ maxResponseBytes: 1024 }), { userId: 'user_123' });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-response', status: 200, body: '', message: 'Invalid response with status 200: body exceeds 1024 bytes' },
		});
	});

	test('refuses a chunked body of unknown length once it passes maxResponseBytes', async () => {
		const { scope } = mockClerk();
		const chunks = Array.from({ length: 8 }, () => Buffer.from('x'.repeat(256)));
		scope.post(PATH).reply(200, () => Readable.from(chunks), { 'content-type': 'application/json' });

		const res = await signInTokensCreate(testCore({ maxResponseBytes: 1024 }), { userId: 'user_123' });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-response', body: '', message: 'Invalid response with status 200: body exceeds 1024 bytes' },
		});
	});

	test('reads a chunked body of unknown length within the cap', async () => {
		const { scope } = mockClerk();
		const text = JSON.stringify(wireToken);
		scope.post(PATH).reply(200, () => Readable.from([Buffer.from(text.slice(0, 40)), Buffer.from(text.slice(40))]));

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res).toMatchObject({ ok: true, value: token });
	});

	test('returns a ResponseValidationError for a body that is not valid UTF-8', async () => {
		const { scope } = mockClerk();
		scope.post(PATH).reply(200, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { 'content-type': 'application/json' });

		const res = await signInTokensCreate(testCore(), { userId: 'user_123' });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-response', status: 200, message: 'Invalid response with status 200: body is not valid UTF-8' },
		});
	});

	test('sends extra headers from the core and the call, but never lets them replace protocol headers', async () => {
		const { scope, seen } = mockClerk();
		scope.post(PATH).reply(200, wireToken);
		const core = testCore({ headers: { 'x-team': 'ops', Authorization: 'Bearer other' } });

		await signInTokensCreate(core, { userId: 'user_123' }, { headers: { 'x-call': '1', 'content-type': 'text/plain', 'clerk-api-version': '1999' } });

		expect(seen[0]?.headers).toMatchObject({ ...protocolHeaders(true), 'x-team': 'ops', 'x-call': '1' });
	});

	test('sends the configured API version and server URL', async () => {
		const { scope, seen } = mockClerk();
		scope.post('/v2/sign_in_tokens').reply(200, wireToken);

		await signInTokensCreate(testCore({ apiVersion: '2025-11-10', serverURL: 'https://api.clerk.com/v2/' }), { userId: 'user_123' });

		expect(seen[0]).toMatchObject({ path: '/v2/sign_in_tokens', headers: { 'clerk-api-version': '2025-11-10' } });
	});
});
