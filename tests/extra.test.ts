// Fields the SDK does not model yet: sent with `extraBody: extra({ … })`, read back from
// `response.extra`, and tested against the fake configured to know them.
import { describe, expect, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import type { ClerkEvent } from '../src/events.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import { createFakeClerk } from '../src/testing/index.ts';
import { leaked } from './helpers/leaks.ts';
import { KEY, recorder, wireToken } from './helpers/wire.ts';
import { events } from '../src/events.ts';
import { extra } from '../src/extra.ts';
import { signInTokensCreateMany } from '../src/funcs/signInTokensCreateMany.ts';
import { transport } from '../src/transport.ts';

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
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY });

		await signInTokensCreate(
			core,
			{ userId: 'user_123', expiresInSeconds: 60 },
			{ extraBody: extra({ locale: 'fr', meta: { campaign: 'spring', tags: ['a', 1, null, true] } }) },
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
		const fields = { deep: nested(1000), one: { tags }, two: { tags } };

		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }),
			{ userId: 'user_123' },
			{ extraBody: extra(fields) },
		);

		expect(res.ok).toBe(true);
		expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ user_id: 'user_123', ...fields });
	});

	test('gives revoke, which sends no body, a JSON body of the extra fields', async () => {
		const { fetch, seen } = recorder(Response.json({ ...wireToken, status: 'revoked' }));

		await signInTokensRevoke(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }),
			{ signInTokenId: 'sit_1' },
			{ extraBody: extra({ reason: 'offboarded' }) },
		);

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
		['an array', ['locale'], 'options.extraBody must be extra({ … }) of an object of body fields'],
		['a string', 'locale=fr', 'options.extraBody must be extra({ … }) of an object of body fields'],
		[
			'a getter that throws',
			Object.defineProperty({}, 'locale', {
				enumerable: true,
				get: () => {
					throw new Error('boom');
				},
			}),
			'options.extraBody could not be read',
		],
	])('refuses %s before anything is sent, and quotes no value', async (_, fields, message) => {
		const { fetch, seen } = recorder(Response.json(wireToken));

		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }),
			{ userId: 'user_123' },
			{ extraBody: extra(fields as never) },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'invalid-request', message: `Invalid request: ${message}` } });
		expect(seen).toHaveLength(0);
	});

	test('a key inside an extra field never comes back: not in an error echoing the body, not in a log event', async () => {
		const seen: ClerkEvent[] = [];
		const echo = async (request: Request) => Response.json({ errors: [{ code: 'form_param_unknown', message: await request.text() }] }, { status: 422 });
		const core = new ClerkCore({ transport: transport({ fetch: echo }), secretKey: KEY, logger: events((event) => seen.push(event)) });

		const res = await signInTokensCreate(core, { userId: 'user_123' }, { extraBody: extra({ pasted: KEY }) });

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 422 } });
		expect(leaked(res, KEY)).toEqual([]);
		expect(leaked(seen, KEY)).toEqual([]);
	});

	test.each([
		['a plain object (the old spelling)', { locale: 'fr' }],
		['a look-alike function', Object.assign(() => ({}), { issue: undefined })],
		['another kind of option', transport({})],
	])('refuses %s as extraBody, naming extra(), before anything is sent', async (_, extraBody) => {
		const { fetch, seen } = recorder(Response.json(wireToken));

		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }),
			{ userId: 'user_123' },
			{ extraBody: extraBody as never },
		);

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-request', message: 'Invalid request: options.extraBody must be made by extra()' },
		});
		expect(seen).toHaveLength(0);
	});

	test('sends what was checked: fields changed while the call waits for its key change nothing', async () => {
		const { fetch, seen } = recorder(Response.json(wireToken));
		const fields: Record<string, unknown> = { locale: 'fr' };
		let release: (key: string) => void = () => undefined;
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: () => new Promise<string>((resolve) => (release = resolve)) });

		const pending = signInTokensCreate(core, { userId: 'user_123' }, { extraBody: extra(fields) });
		fields.locale = () => 'a function, now';
		fields.user_id = 'user_other';
		release(KEY);

		expect((await pending).ok).toBe(true);
		expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ user_id: 'user_123', locale: 'fr' });
	});

	test('refuses a getter, read once: one that answers differently each time cannot send what was not checked', async () => {
		const { fetch, seen } = recorder(Response.json(wireToken));
		let reads = 0;
		const fields = Object.defineProperty({}, 'locale', { enumerable: true, get: () => (reads++ ? () => 'not JSON' : 'fr') });

		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }),
			{ userId: 'user_123' },
			{ extraBody: extra(fields) },
		);

		expect(res).toMatchObject({ ok: false, error: { message: 'Invalid request: options.extraBody holds a getter: only plain JSON data can be sent' } });
		expect(reads).toBe(1);
		expect(seen).toHaveLength(0);
	});

	test('sends a "__proto__" field as a field, never as the body\'s prototype', async () => {
		const { fetch, seen } = recorder(Response.json(wireToken));
		const fields = JSON.parse('{"__proto__": {"user_id": "user_admin"}, "locale": "fr"}') as Record<string, unknown>;

		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch }), secretKey: KEY }),
			{ userId: 'user_123' },
			{ extraBody: extra(fields) },
		);

		expect(res.ok).toBe(true);
		expect(seen[0]?.body).toBe('{"user_id":"user_123","__proto__":{"user_id":"user_admin"},"locale":"fr"}');
	});

	test('a batch whose call options hold fields that are not JSON is refused whole, before anything is read or sent', async () => {
		const { fetch, seen } = recorder(Response.json(wireToken));
		const core = new ClerkCore({ transport: transport({ fetch }), secretKey: KEY });

		const items = [];
		for await (const item of signInTokensCreateMany(core, [{ userId: 'user_1' }], { callOptions: { extraBody: extra({ n: Number.NaN }) } })) items.push(item);

		expect(items).toMatchObject([
			{
				index: 0,
				request: undefined,
				result: {
					ok: false,
					error: {
						kind: 'invalid-request',
						issues: [{ path: 'options.callOptions.extraBody', message: 'holds NaN or Infinity: only plain JSON data can be sent' }],
					},
				},
			},
		]);
		expect(seen).toHaveLength(0);
	});
});

describe('fields the model does not know, in a response', () => {
	test('are handed back, unstable, as response.extra, and the value is as the model says', async () => {
		const fake = createFakeClerk({ fields: { locale: 'en', tier: null } });
		const core = new ClerkCore({ secretKey: fake.secretKey, transport: fake.transport });

		const sent = await signInTokensCreate(core, { userId: 'user_123' }, { extraBody: extra({ locale: 'fr' }) });
		const defaulted = await signInTokensCreate(core, { userId: 'user_123' });

		expect(sent.ok && sent.response.extra).toEqual({ locale: 'fr', tier: null });
		expect(defaulted.ok && defaulted.response.extra).toEqual({ locale: 'en', tier: null });
		expect(sent.ok && Object.keys(sent.value)).not.toContain('locale');
	});

	test('are absent when Clerk sent none', async () => {
		const res = await signInTokensCreate(new ClerkCore({ transport: transport({ fetch: recorder(Response.json(wireToken)).fetch }), secretKey: KEY }), {
			userId: 'user_123',
		});

		expect(res.ok && 'extra' in res.response).toBe(false);
	});

	test('are scrubbed like every other text from outside', async () => {
		const res = await signInTokensCreate(
			new ClerkCore({ transport: transport({ fetch: recorder(Response.json({ ...wireToken, echo: `key ${KEY}` })).fetch }), secretKey: KEY }),
			{
				userId: 'user_123',
			},
		);

		expect(res.ok && res.response.extra).toEqual({ echo: 'key [REDACTED]' });
	});
});

describe("the fake's configured fields", () => {
	test('an unconfigured field is still 422 form_param_unknown, as at Clerk', async () => {
		const fake = createFakeClerk();
		const res = await signInTokensCreate(
			new ClerkCore({ secretKey: fake.secretKey, transport: fake.transport }),
			{ userId: 'user_123' },
			{ extraBody: extra({ locale: 'fr' }) },
		);

		expect(res).toMatchObject({ ok: false, error: { kind: 'api', status: 422, errors: [{ code: 'form_param_unknown', meta: { param_name: 'locale' } }] } });
	});

	test.each([[{ user_id: 'x' }], [['locale']], ['locale']])('refuses %j as fields, at once', (fields) => {
		expect(() => createFakeClerk({ fields: fields as never })).toThrow(TypeError);
	});
});
