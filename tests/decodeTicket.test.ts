import { describe, expect, test } from 'vitest';
import { decodeTicket } from '../src/decodeTicket.ts';

const b64 = (value: unknown) =>
	btoa(typeof value === 'string' ? value : JSON.stringify(value))
		.replaceAll('+', '-')
		.replaceAll('/', '_')
		.replace(/=+$/, '');
const jwt = (payload: unknown) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload)}.c2lnbmF0dXJl`;
const claims = { eis: 600, exp: 1_767_226_200, iid: 'ins_2abc', sid: 'sit_2xyz', st: 'sign_in_token' };

describe('decodeTicket', () => {
	test("reads a real ticket's claims: token ID, instance, expiry in ms, lifetime", () => {
		expect(decodeTicket(jwt(claims))).toEqual({
			ok: true,
			value: { signInTokenId: 'sit_2xyz', instanceId: 'ins_2abc', expiresAt: 1_767_226_200_000, expiresInSeconds: 600 },
		});
	});

	test('a ticket without eis leaves expiresInSeconds undefined', () => {
		const { eis: _, ...rest } = claims;
		expect(decodeTicket(jwt(rest))).toEqual({
			ok: true,
			value: { signInTokenId: 'sit_2xyz', instanceId: 'ins_2abc', expiresAt: 1_767_226_200_000, expiresInSeconds: undefined },
		});
	});

	test.each([
		['not a JWT', 'hello', 'is not a JWT (three base64url parts)'],
		['an empty string', '', 'is not a JWT (three base64url parts)'],
		['a JWT with a non-JSON payload', `${b64('{}')}.${b64('not json')}.c2ln`, 'has a payload that is not base64url JSON'],
		['a session token, not a sign-in token', jwt({ ...claims, st: 'session' }), 'is not a sign-in token ticket (its "st" is not "sign_in_token")'],
		['a ticket without sid', jwt({ ...claims, sid: undefined }), 'has no sign-in token ID ("sid")'],
		['a sid holding a terminal escape', jwt({ ...claims, sid: 'sit_\u001b[2J' }), 'has an "sid" that is not a Clerk ID (letters, digits, _ and - only)'],
		['an iid holding a tab', jwt({ ...claims, iid: 'ins_2abc\tx' }), 'has an "iid" that is not a Clerk ID (letters, digits, _ and - only)'],
		['a ticket without iid', jwt({ ...claims, iid: 5 }), 'has no instance ID ("iid")'],
		['a ticket with a fractional exp', jwt({ ...claims, exp: 1.5 }), 'has no expiry ("exp" in whole seconds)'],
		['a ticket with a string eis', jwt({ ...claims, eis: '600' }), 'has an "eis" that is not whole seconds'],
		['an exp no date can hold (1e13 s)', jwt({ ...claims, exp: 1e13 }), 'has an expiry ("exp") beyond what a date can hold'],
		['an exp of 2^53 − 1', jwt({ ...claims, exp: Number.MAX_SAFE_INTEGER }), 'has an expiry ("exp") beyond what a date can hold'],
		['an exp of −1e13 s', jwt({ ...claims, exp: -1e13 }), 'has an expiry ("exp") beyond what a date can hold'],
		['a negative eis', jwt({ ...claims, eis: -5 }), 'has an "eis" that is not whole seconds'],
		['a payload that is an array', jwt([1, 2]), 'is not a sign-in token ticket (its "st" is not "sign_in_token")'],
	])('refuses %s, as a Result', (_, ticket, message) => {
		expect(decodeTicket(ticket)).toMatchObject({ ok: false, error: { kind: 'invalid-request', issues: [{ path: 'ticket', message }] } });
	});

	test('every expiry it returns is one a Date holds, at the edges of the range too', () => {
		for (const exp of [8.64e12, -8.64e12, 0]) {
			const facts = decodeTicket(jwt({ ...claims, exp }));
			if (!facts.ok) throw facts.error;
			expect(new Date(facts.value.expiresAt).toISOString()).toMatch(/Z$/);
		}
	});

	test('never throws, whatever it is given', () => {
		for (const value of [null, undefined, 42, {}, 'a.b.c', '...', 'eyJ.eyJ.eyJ']) expect(decodeTicket(value as never).ok).toBe(false);
	});
});
