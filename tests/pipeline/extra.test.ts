// Fields the SDK does not model yet: sent with `extraBody`, read back from `response.extra`, and
// tested against the fake configured to know them.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../../src/core/index.ts';
import type { ClerkEvent } from '../../src/core/index.ts';
import { signInTokensCreate } from '../../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../../src/testing/index.ts';
import { leaked } from '../helpers/leaks.ts';
import { KEY, recorder, wireToken } from '../helpers/wire.ts';

const cycle: Record<string, unknown> = {};
cycle.self = cycle;
const arrayCycle: unknown[] = [];
arrayCycle.push({ list: arrayCycle });
// `{ o: { o: … { end: true } } }`, `levels` objects deep.
const nested = (levels: number) => Array.from({ length: levels - 1 }).reduce<object>((inner) => ({ o: inner }), { end: true });
// 2^levels paths through `levels + 1` objects: small to build, huge to write out.
const shared = (levels: number) => Array.from({ length: levels }).reduce<object>((inner) => ({ a: inner, b: inner }), { end: true });

describe('extraBody', () => {
	test('sends fields the SDK does not model, as given, beside its own, in the body only', async () => {
		const { fetch, seen } = recorder(Response.json(wireToken));
		const core = new ClerkCore({ secretKey: KEY, fetch });

		await signInTokensCreate(
			core,
			{ userId: 'user_123', expiresInSeconds: 60 },
			{ extraBody: { locale: 'fr', meta: { campaign: 'spring', tags: ['a', 1, null, true] } } },
		);

		expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
			user_id: 'user_123',
			expires_in_seconds: 60,
			locale: 'fr',
			meta: { campaign: 'spring', tags: ['a', 1, null, true] },
		});
		expect(Object.keys(seen[0]?.headers ?? {}).sort()).toEqual(['accept', 'authorization', 'clerk-api-version', 'content-type', 'user-agent']);
	});

	test('sends deep nesting and an object shared by two fields as JSON.stringify writes them: neither is a cycle', async () => {
		const { fetch, seen } = recorder(Response.json(wireToken));
		const tags = ['a', 'b'];
		const extraBody = { deep: nested(1000), one: { tags }, two: { tags } };

		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, fetch }), { userId: 'user_123' }, { extraBody });

		expect(res.ok).toBe(true);
		expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ user_id: 'user_123', ...extraBody });
	});

	test('gives revoke, which sends no body, a JSON body of the extra fields', async () => {
		const { fetch, seen } = recorder(Response.json({ ...wireToken, status: 'revoked' }));

		await signInTokensRevoke(new ClerkCore({ secretKey: KEY, fetch }), { signInTokenId: 'sit_1' }, { extraBody: { reason: 'offboarded' } });

		expect(seen[0]).toMatchObject({ body: '{"reason":"offboarded"}', headers: { 'content-type': 'application/json' } });
	});

	test.each([
		['a field the SDK sets from the request', { user_id: 'user_other' }, 'options.extraBody sets user_id, which the request sets'],
		['a modelled field the request left out', { org_id: 'org_1' }, 'options.extraBody sets org_id, which the request sets'],
		['a function', { locale: () => 'fr' }, 'options.extraBody holds function: only plain JSON data can be sent'],
		['undefined', { locale: undefined }, 'options.extraBody holds undefined: only plain JSON data can be sent'],
		['NaN', { n: Number.NaN }, 'options.extraBody holds NaN or Infinity: only plain JSON data can be sent'],
		['a bigint', { n: 1n }, 'options.extraBody holds bigint: only plain JSON data can be sent'],
		['a symbol', { s: Symbol('x') }, 'options.extraBody holds symbol: only plain JSON data can be sent'],
		['a Date', { at: new Date(0) }, 'options.extraBody holds a Date, a Map or a class instance: only plain JSON data can be sent'],
		['a Map, nested', { deep: [{ m: new Map() }] }, 'options.extraBody holds a Date, a Map or a class instance: only plain JSON data can be sent'],
		['a cycle', cycle, 'options.extraBody holds a cycle: only plain JSON data can be sent'],
		['a cycle through an array', { list: arrayCycle }, 'options.extraBody holds a cycle: only plain JSON data can be sent'],
		['objects nested deeper than JSON.stringify can go', { x: nested(20_000) }, 'options.extraBody nests objects too deep to send'],
		['a few shared objects standing for 2^40 values', { x: shared(40) }, 'options.extraBody holds over 10000 values, too many to send'],
		['an array', ['locale'], 'options.extraBody must be an object of body fields'],
		['a string', 'locale=fr', 'options.extraBody must be an object of body fields'],
	])('refuses %s before anything is sent, and quotes no value', async (_, extraBody, message) => {
		const { fetch, seen } = recorder(Response.json(wireToken));

		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, fetch }), { userId: 'user_123' }, { extraBody: extraBody as never });

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: `Invalid request: ${message}` } });
		expect(seen).toHaveLength(0);
	});

	test('a key inside an extra field never comes back: not in an error echoing the body, not in a log event', async () => {
		const events: ClerkEvent[] = [];
		const echo = async (request: Request) => Response.json({ errors: [{ code: 'form_param_unknown', message: await request.text() }] }, { status: 422 });
		const core = new ClerkCore({ secretKey: KEY, fetch: echo, logger: (event) => events.push(event) });

		const res = await signInTokensCreate(core, { userId: 'user_123' }, { extraBody: { pasted: KEY } });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 422 } });
		expect(leaked(res, KEY)).toEqual([]);
		expect(leaked(events, KEY)).toEqual([]);
	});
});

describe('fields the model does not know, in a response', () => {
	test('are handed back, unstable, as response.extra, and the value is as the model says', async () => {
		const fake = createFakeClerk({ fields: { locale: 'en', tier: null } });
		const core = new ClerkCore({ secretKey: fake.secretKey, fetch: fake.fetch });

		const sent = await signInTokensCreate(core, { userId: 'user_123' }, { extraBody: { locale: 'fr' } });
		const defaulted = await signInTokensCreate(core, { userId: 'user_123' });

		expect(sent.ok && sent.response.extra).toEqual({ locale: 'fr', tier: null });
		expect(defaulted.ok && defaulted.response.extra).toEqual({ locale: 'en', tier: null });
		expect(sent.ok && Object.keys(sent.value)).not.toContain('locale');
	});

	test('are absent when Clerk sent none', async () => {
		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, fetch: recorder(Response.json(wireToken)).fetch }), { userId: 'user_123' });

		expect(res.ok && 'extra' in res.response).toBe(false);
	});

	test('are scrubbed like every other text from outside', async () => {
		const res = await signInTokensCreate(new ClerkCore({ secretKey: KEY, fetch: recorder(Response.json({ ...wireToken, echo: `key ${KEY}` })).fetch }), {
			userId: 'user_123',
		});

		expect(res.ok && res.response.extra).toEqual({ echo: 'key [REDACTED]' });
	});
});

describe("the fake's configured fields", () => {
	test('an unconfigured field is still 422 form_param_unknown, as at Clerk', async () => {
		const fake = createFakeClerk();
		const res = await signInTokensCreate(
			new ClerkCore({ secretKey: fake.secretKey, fetch: fake.fetch }),
			{ userId: 'user_123' },
			{ extraBody: { locale: 'fr' } },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 422, errors: [{ code: 'form_param_unknown', meta: { param_name: 'locale' } }] } });
	});

	test.each([[{ user_id: 'x' }], [['locale']], ['locale']])('refuses %j as fields, at once', (fields) => {
		expect(() => createFakeClerk({ fields: fields as never })).toThrow(TypeError);
	});
});
