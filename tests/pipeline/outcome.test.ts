// The outcome stage on its own, from bare Responses: what a 2xx, an error status or a thrown value
// becomes, with no server, no ky and no retry in the way.
import { describe, expect, test } from 'vitest';
import { configOf } from '../../src/pipeline/config.ts';
import { ClerkCore } from '../../src/core.ts';
import { revokeSignInToken } from '../../src/operations/revokeSignInToken.ts';
import { open } from '../../src/pipeline/call.ts';
import { apiError, failure, success } from '../../src/pipeline/outcome.ts';
import { scrubber } from '../../src/lib/scrub.ts';
import { KEY, wireToken } from '../helpers/wire.ts';

function call() {
	const config = configOf(new ClerkCore({ secretKey: KEY }));
	if (!config) throw new Error('no config');
	const opened = open(config, revokeSignInToken, { signInTokenId: 'sit_1' }, {}, undefined, undefined);
	opened.close();
	return Object.assign(opened.call, { key: KEY, scrub: scrubber(KEY) });
}

describe('outcome', () => {
	test('a 2xx body becomes the value, with its status, headers and trace id (cf-ray when Clerk sends none)', async () => {
		const res = await success(call(), Response.json(wireToken, { headers: { 'cf-ray': 'ray_1' } }), false);

		expect(res).toMatchObject({ ok: true, value: { id: wireToken.id, status: 'pending' }, response: { status: 200, traceId: 'ray_1' } });
	});

	test('a 2xx body of the wrong shape is a ResponseValidationError naming the field', async () => {
		const res = await success(call(), Response.json({ ...wireToken, created_at: 'yesterday' }), false);

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-response', issues: [{ path: 'created_at' }] } });
	});

	test("an error status becomes a ClerkAPIError with Clerk's errors, trace id, and what revoke reads from them", () => {
		const text = JSON.stringify({
			errors: [{ code: 'sign_in_token_cannot_be_revoked_code', message: 'x', long_message: 'because its status is accepted.' }],
			clerk_trace_id: 'trace_body',
		});

		const error = apiError(call(), new Response(text, { status: 400, headers: { 'x-clerk-trace-id': 'trace_header', 'retry-after': '3' } }), text);

		expect(error).toMatchObject({ kind: 'api', status: 400, clerkTraceId: 'trace_body', retryAfter: 3, signInTokenStatus: 'accepted' });
		expect(error.errors[0]?.code).toBe('sign_in_token_cannot_be_revoked_code');
	});

	test("a proxy's HTML page is still an api error with its status and scrubbed body", () => {
		const text = `<html>${KEY}</html>`;

		const error = apiError(call(), new Response(text, { status: 502, headers: { 'cf-ray': 'ray_2' } }), text);

		expect(error).toMatchObject({ status: 502, errors: [], clerkTraceId: 'ray_2', body: '<html>[REDACTED]</html>' });
	});

	test('a thrown TypeError from fetch is a connection error; anything else is unexpected, scrubbed', () => {
		const c = call();
		c.fetchFailure = new TypeError('fetch failed');

		expect(failure(c, c.fetchFailure)).toMatchObject({ ok: false, error: { kind: 'connection' } });
		expect(failure(c, new Error(`hook saw ${KEY}`))).toMatchObject({
			ok: false,
			error: { kind: 'unexpected', message: 'Unexpected error: hook saw [REDACTED]' },
		});
	});
});
