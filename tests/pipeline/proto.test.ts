// A `"__proto__"` key from a server or a caller is a plain field of whatever object we build from
// it, never that object's prototype (issue #25): `JSON.parse` makes it an own field, and every
// object built from such data is built by spread or `Object.fromEntries`, not by assignment.
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { ClerkCore } from '../../src/core.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensCreateMany } from '../../src/funcs/signInTokensCreateMany.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import { transport } from '../../src/transport.ts';
import { serveFake } from '../helpers/nock.ts';
import { KEY, recorder, wireToken } from '../helpers/wire.ts';

const PROTO = '{"isAdmin": true}';
const core = (answer: Response) => new ClerkCore({ secretKey: KEY, retry: 0, transport: transport({ fetch: recorder(answer).fetch }) });
// An object whose prototype is still Object's, with `__proto__` as an own field holding `value`.
const plainWith = (object: unknown, value: unknown) => {
	expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
	expect((object as { isAdmin?: unknown }).isAdmin).toBeUndefined();
	expect(Object.getOwnPropertyDescriptor(object, '__proto__')?.value).toEqual(value);
};

describe('"__proto__" from a server', () => {
	test("in a 2xx body: a field of response.extra, which keeps Object's prototype", async () => {
		const body = JSON.stringify(wireToken).replace(/\}$/, `, "__proto__": ${PROTO}}`);

		const res = await signInTokensCreate(core(new Response(body, { headers: { 'content-type': 'application/json' } })), { userId: 'user_123' });

		if (!res.ok) throw res.error;
		plainWith(res.response.extra, { isAdmin: true });
		expect(Object.keys(res.response.extra ?? {})).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(res.value)).toBe(Object.prototype);
		expect(Object.keys(res.value)).not.toContain('__proto__');
	});

	test('as a response header name: a field of the headers record, on a success and on an error', async () => {
		const answer = (status: number) => {
			const h = new Headers();
			h.set('__proto__', 'x');
			h.set('x-clerk-trace-id', 't');
			return new Response(status === 200 ? JSON.stringify(wireToken) : '{}', { status, headers: h });
		};
		const ok = await signInTokensCreate(core(answer(200)), { userId: 'user_123' });
		const failed = await signInTokensRevoke(core(answer(404)), { signInTokenId: 'sit_1' });

		if (!ok.ok || failed.ok || failed.error.kind !== 'api') throw new Error('unexpected outcome');
		for (const record of [ok.response.headers, failed.error.headers]) {
			expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
			expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).toBe('x');
		}
	});

	test("in Clerk's error body: a field of the error's meta, and nothing on the error", async () => {
		const body = `{"errors": [{"code": "resource_not_found", "message": "not found", "meta": {"__proto__": ${PROTO}}}], "__proto__": ${PROTO}}`;

		const res = await signInTokensRevoke(core(new Response(body, { status: 404 })), { signInTokenId: 'sit_1' });

		if (res.ok || res.error.kind !== 'api') throw new Error('unexpected outcome');
		plainWith(res.error.errors[0]?.meta, { isAdmin: true });
		expect((res.error as unknown as { isAdmin?: unknown }).isAdmin).toBeUndefined();
		expect(JSON.parse(JSON.stringify(res.error))).not.toHaveProperty('isAdmin');
	});
});

describe('"__proto__" from a caller', () => {
	test('in a create sent to the fake: recorded as a field, and refused as Clerk refuses an unknown one', async () => {
		const fake = createFakeClerk();

		const res = await fake.fetch('https://api.clerk.com/v1/sign_in_tokens', {
			method: 'POST',
			headers: { authorization: `Bearer ${fake.secretKey}` },
			body: `{"user_id": "user_123", "__proto__": ${PROTO}}`,
		});

		expect(res.status).toBe(422);
		expect(await res.json()).toMatchObject({ errors: [{ code: 'form_param_unknown', meta: { param_name: '__proto__' } }] });
		plainWith(fake.requests[0]?.body, { isAdmin: true });
		expect(fake.tokens.size).toBe(0);
	});

	test("as one of the fake's configured fields: sent back as a field of every token", async () => {
		const fake = createFakeClerk({ fields: JSON.parse(`{"__proto__": ${PROTO}}`) as Record<string, unknown> });

		const res = await signInTokensCreate(new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey }), { userId: 'user_123' });

		if (!res.ok) throw res.error;
		plainWith(res.response.extra, { isAdmin: true });
		const stored = [...fake.tokens.values()][0];
		expect(Object.getPrototypeOf(stored?.fields)).toBe(Object.prototype);
		expect(Object.getOwnPropertyDescriptor(stored?.fields, '__proto__')?.value).toEqual({ isAdmin: true });
	});

	test('in a batch request: copied as read into a plain object, and refused as an unknown field', async () => {
		const request = JSON.parse(`{"userId": "user_123", "__proto__": ${PROTO}}`) as { userId: string };
		const { fetch, seen } = recorder(Response.json(wireToken));

		const items = [];
		for await (const item of signInTokensCreateMany(new ClerkCore({ secretKey: KEY, transport: transport({ fetch }) }), [request])) items.push(item);

		expect(items).toMatchObject([{ index: 0, result: { ok: false, error: { kind: 'invalid-request', issues: [{ path: 'request' }] } } }]);
		plainWith(items[0]?.request, { isAdmin: true });
		expect(seen).toHaveLength(0);
	});
});

describe('"__proto__" and the CLI', () => {
	const fake = createFakeClerk({ fields: JSON.parse(`{"__proto__": ${PROTO}}`) as Record<string, unknown> });
	const server = serveFake(fake);

	test("create --json prints the token's own fields, and no field a server added, whatever its name", async () => {
		const out: string[] = [];
		const code = await main(['create', '--user-id', 'user_123', '--json', '--server-url', server.url], {
			out: (line) => void out.push(line),
			err: () => undefined,
			progress: () => undefined,
			env: { CLERK_SECRET_KEY: fake.secretKey },
			now: () => Date.now(),
		});

		expect(code).toBe(0);
		const printed = JSON.parse(out[0] ?? '') as Record<string, unknown>;
		expect(Object.getPrototypeOf(printed)).toBe(Object.prototype);
		expect(Object.keys(printed).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'object', 'status', 'token', 'traceId', 'updatedAt', 'url', 'userId']);
		expect(printed.isAdmin).toBeUndefined();
	});
});
