import { describe, expect, test } from 'vitest';
import { signInUrl } from '../src/signInUrl.ts';
import { token } from './helpers/wire.ts';

const ticket = token.token;
const pending = { token: ticket, url: token.url, status: 'pending' };

describe('signInUrl', () => {
	test("is Clerk's hosted link, exactly, when no options are given", () => {
		expect(signInUrl(pending)).toEqual({ ok: true, value: token.url });
	});

	test('puts the ticket in the query of your sign-in page as __clerk_ticket', () => {
		expect(signInUrl(pending, { baseUrl: 'https://app.example.com/sign-in' })).toEqual({
			ok: true,
			value: `https://app.example.com/sign-in?__clerk_ticket=${ticket}`,
		});
	});

	test("keeps the base URL's query and hash, and replaces a stale ticket", () => {
		expect(signInUrl(pending, { baseUrl: 'https://app.example.com/sign-in?lang=fr&__clerk_ticket=old#top' })).toEqual({
			ok: true,
			value: `https://app.example.com/sign-in?lang=fr&__clerk_ticket=${ticket}#top`,
		});
	});

	test('adds redirect_url, absolute or relative to the base', () => {
		expect(signInUrl(pending, { baseUrl: 'https://app.example.com/sign-in', redirectUrl: 'https://app.example.com/welcome?x=1' })).toEqual({
			ok: true,
			value: `https://app.example.com/sign-in?__clerk_ticket=${ticket}&redirect_url=https%3A%2F%2Fapp.example.com%2Fwelcome%3Fx%3D1`,
		});
		expect(signInUrl(pending, { baseUrl: 'https://app.example.com/sign-in', redirectUrl: '/dashboard' })).toEqual({
			ok: true,
			value: `https://app.example.com/sign-in?__clerk_ticket=${ticket}&redirect_url=https%3A%2F%2Fapp.example.com%2Fdashboard`,
		});
	});

	test('allows http on loopback, for development', () => {
		expect(signInUrl(pending, { baseUrl: 'http://localhost:3000/sign-in' })).toEqual({
			ok: true,
			value: `http://localhost:3000/sign-in?__clerk_ticket=${ticket}`,
		});
	});

	test.each([
		['a plain-http base', { baseUrl: 'http://app.example.com/sign-in' }, 'options.baseUrl', 'must be an https: URL (http: only for localhost)'],
		['a javascript: base', { baseUrl: 'javascript:alert(1)' }, 'options.baseUrl', 'must be an https: URL (http: only for localhost)'],
		['a data: base', { baseUrl: 'data:text/html,<script>x</script>' }, 'options.baseUrl', 'must be an https: URL (http: only for localhost)'],
		['a relative base', { baseUrl: '/sign-in' }, 'options.baseUrl', 'is not a URL'],
		[
			'a javascript: redirect',
			{ baseUrl: 'https://app.example.com/s', redirectUrl: 'javascript:alert(1)' },
			'options.redirectUrl',
			'must be an https: URL (http: only for localhost)',
		],
		[
			'a data: redirect',
			{ baseUrl: 'https://app.example.com/s', redirectUrl: 'data:text/html,x' },
			'options.redirectUrl',
			'must be an https: URL (http: only for localhost)',
		],
		[
			'a plain-http redirect elsewhere',
			{ baseUrl: 'https://app.example.com/s', redirectUrl: 'http://evil.example/' },
			'options.redirectUrl',
			'must be an https: URL (http: only for localhost)',
		],
		[
			'a redirect without a base',
			{ redirectUrl: 'https://app.example.com/' },
			'options.redirectUrl',
			"needs options.baseUrl: Clerk's hosted link decides its own redirect",
		],
	])('refuses %s, as a Result', (_, options, path, message) => {
		expect(signInUrl(pending, options)).toMatchObject({ ok: false, error: { kind: 'invalid-request', issues: [{ path, message }] } });
	});

	test.each([
		[
			'a revoked token (it has no ticket)',
			{ status: 'revoked', url: null },
			'token.token',
			'is missing: the token carries no ticket (a revoked token has none)',
		],
		['an accepted token', { ...pending, status: 'accepted' }, 'token.status', `is "accepted": only a pending token's ticket can sign in`],
		['a token without a url, with no base', { token: ticket, status: 'pending', url: null }, 'token.url', 'is missing'],
		['a token whose url is not https', { ...pending, url: 'http://evil.example/x' }, 'token.url', 'must be an https: URL (http: only for localhost)'],
	])('refuses %s', (_, value, path, message) => {
		expect(signInUrl(value as never)).toMatchObject({ ok: false, error: { kind: 'invalid-request', issues: [{ path, message }] } });
	});

	test.each([
		[
			'a typo of redirectUrl (the link would lose its redirect)',
			{ baseUrl: 'https://app.example.com/sign-in', redirectURL: '/x' },
			'has an unknown option "redirectURL" (did you mean redirectUrl?)',
		],
		[
			"a typo of baseUrl (the link would be Clerk's, not the app's)",
			{ baseURL: 'https://app.example.com/sign-in' },
			'has an unknown option "baseURL" (did you mean baseUrl?)',
		],
		['a string for options', 'https://app.example.com/sign-in', 'must be an object: { baseUrl?, redirectUrl? }'],
		['an array for options', ['https://app.example.com/sign-in'], 'must be an object: { baseUrl?, redirectUrl? }'],
	])('refuses %s', (_, options, message) => {
		expect(signInUrl(pending, options as never)).toEqual({
			ok: false,
			error: expect.objectContaining({ kind: 'invalid-request', issues: [{ path: 'options', message }] }),
		});
	});

	test.each([
		['the Result instead of its value', { ok: true, value: pending }, 'is a Result: pass res.value once res.ok is true'],
		['the ticket string instead of the token', ticket, 'must be the sign-in token signInTokensCreate returned (res.value)'],
		['null', null, 'must be the sign-in token signInTokensCreate returned (res.value)'],
	])('names the mistake when given %s', (_, value, message) => {
		expect(signInUrl(value as never)).toEqual({ ok: false, error: expect.objectContaining({ kind: 'invalid-request', issues: [{ path: 'token', message }] }) });
	});

	test.each([
		['empty', ''],
		['a fragment', '#done'],
		['a query', '?step=2'],
		['the page itself, absolute', 'https://app.example.com/sign-in'],
	])('refuses a redirect back to the sign-in page itself (%s): the ticket never lands in redirect_url', (_, redirectUrl) => {
		const res = signInUrl(pending, { baseUrl: 'https://app.example.com/sign-in?from=mail', redirectUrl });

		expect(res).toMatchObject({
			ok: false,
			error: { kind: 'invalid-request', issues: [{ path: 'options.redirectUrl', message: 'leads back to the sign-in page itself' }] },
		});
		expect(JSON.stringify(res)).not.toContain(ticket);
	});

	test('resolves a relative redirect against the page before the ticket goes in', () => {
		const res = signInUrl(pending, { baseUrl: 'https://app.example.com/auth/sign-in?from=mail#top', redirectUrl: 'welcome?x=1' });
		if (!res.ok) throw res.error;
		const link = new URL(res.value);

		expect(link.searchParams.get('redirect_url')).toBe('https://app.example.com/auth/welcome?x=1');
		expect(link.searchParams.getAll('__clerk_ticket')).toEqual([ticket]);
		expect(res.value.split(ticket)).toHaveLength(2);
	});

	test.each([
		['a base with credentials', { baseUrl: 'https://user:pw@app.example.com/sign-in' }, 'options.baseUrl'],
		['a base hiding its host behind userinfo', { baseUrl: 'https://app.example.com@evil.example/sign-in' }, 'options.baseUrl'],
		['a redirect with credentials', { baseUrl: 'https://app.example.com/in', redirectUrl: 'https://a:b@app.example.com/x' }, 'options.redirectUrl'],
	])('refuses %s', (_, options, path) => {
		expect(signInUrl(pending, options)).toMatchObject({
			ok: false,
			error: { kind: 'invalid-request', issues: [{ path, message: 'must not carry credentials (user:password@)' }] },
		});
	});

	test('refuses a redirect that carries a ticket of its own', () => {
		expect(signInUrl(pending, { baseUrl: 'https://app.example.com/in', redirectUrl: '/next?__clerk_ticket=other' })).toMatchObject({
			ok: false,
			error: { issues: [{ path: 'options.redirectUrl', message: 'carries a __clerk_ticket' }] },
		});
	});

	const RAW = 'holds whitespace or control characters, which a URL never carries raw';
	test.each([
		['a line feed', `${token.url}\r\nSet-Cookie: x=1`],
		['a tab', token.url.replace('/v1/', '/v1/\t')],
		['a NUL', `${token.url}\u0000`],
		['surrounding spaces', ` ${token.url} `],
	])("refuses Clerk's hosted url holding %s, instead of handing it back", (_, url) => {
		expect(signInUrl({ ...pending, url })).toMatchObject({ ok: false, error: { issues: [{ path: 'token.url', message: RAW }] } });
	});

	test.each([
		['base', { baseUrl: 'https://app.example.com/in\n' }, 'options.baseUrl'],
		['redirect', { baseUrl: 'https://app.example.com/in', redirectUrl: '/x\ty' }, 'options.redirectUrl'],
	])('refuses a %s URL holding whitespace or control characters', (_, options, path) => {
		expect(signInUrl(pending, options)).toMatchObject({ ok: false, error: { issues: [{ path, message: RAW }] } });
	});

	test('returns the hosted url as the parser reads it: the form a browser follows', () => {
		expect(signInUrl({ ...pending, url: 'HTTPS://Fake.Clerk.Accounts.dev/v1/tickets/accept?ticket=abc' })).toEqual({
			ok: true,
			value: 'https://fake.clerk.accounts.dev/v1/tickets/accept?ticket=abc',
		});
	});

	test('never throws, whatever it is given', () => {
		const hostile = Object.defineProperty({}, 'token', {
			get: () => {
				throw new Error('boom');
			},
		});
		for (const value of [null, undefined, 42, 'x', hostile]) expect(signInUrl(value as never).ok).toBe(false);
		expect(signInUrl(pending, null as never)).toEqual({ ok: true, value: token.url });
	});

	test("the link's ticket is what Clerk's frontend reads: new URL(location.href).searchParams.get('__clerk_ticket')", () => {
		const link = signInUrl(pending, { baseUrl: 'https://app.example.com/sign-in?next=%2Fx#frag', redirectUrl: '/home' });
		if (!link.ok) throw new Error('no link');
		expect(new URL(link.value).searchParams.get('__clerk_ticket')).toBe(ticket);
		expect(new URL(link.value).hash).toBe('#frag');
	});
});
