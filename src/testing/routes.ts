// The fake's routes: Clerk's authentication, its rate limit and the two sign-in token operations,
// answered as Clerk's Backend API answers them (spec/clerk-bapi-sign-in-tokens.yml, API version
// 2026-05-12; errors from Clerk's public error catalogue).
import { frontend } from './frontend.ts';
import type { Context, FakeSignInToken } from './types.ts';
import { clerkError, jwt, notFound, overLimit, paramError, parseJSON, randomId, wire } from './wire.ts';

const THIRTY_DAYS_S = 2_592_000; // the spec's default for expires_in_seconds
const BODY_FIELDS = ['user_id', 'expires_in_seconds', 'org_id'];

/**
 * Answers one request: the Frontend API's part the fake serves (frontend.ts), or the Backend API's.
 *
 * @param ctx The fake and its clock.
 * @param request The request (its method, headers, cookie).
 * @param path Its path (percent-encoded).
 * @param text Its body.
 * @returns Clerk's answer.
 */
export function answer(ctx: Context, request: Request, path: string, text: string): Response {
	const { fake } = ctx;
	const { method } = request;
	const browser = frontend(ctx, request, path, text);
	if (browser) return browser;
	const authorization = request.headers.get('authorization');
	// Clerk's catalogue: InvalidAuthentication, InvalidAuthorizationHeaderFormat, InvalidClerkSecretKey.
	if (authorization === null)
		return clerkError(401, 'authentication_invalid', 'Invalid authentication', 'Unable to authenticate the request, you need to supply an active session');
	const key = /^Bearer (\S+)$/.exec(authorization)?.[1];
	if (key === undefined) {
		return clerkError(
			401,
			'authorization_header_format_invalid',
			'Invalid Authorization header format',
			"Invalid Authorization header format. Must be 'Bearer <YOUR_API_KEY>'",
		);
	}
	if (key !== fake.secretKey) {
		const invalid = 'The provided Clerk Secret Key is invalid. Make sure that your Clerk Secret Key is correct.';
		return clerkError(401, 'clerk_key_invalid', invalid, invalid);
	}
	const limited = rateLimited(ctx, key);
	if (limited) return limited;
	// Only the two documented operations, under /v1 (a serverURL without it fails here as it
	// would against Clerk). The spec documents no 405, so another method finds nothing.
	if (method === 'POST' && path === '/v1/sign_in_tokens') return create(ctx, text);
	const revoking = /^\/v1\/sign_in_tokens\/([^/]+)\/revoke$/.exec(path)?.[1];
	if (method === 'POST' && revoking !== undefined) {
		let id: string;
		try {
			id = decodeURIComponent(revoking);
		} catch {
			// A malformed escape (`%E0%A4%A`, a lone `%`) names no token.
			return notFound('Resource not found');
		}
		return revoke(ctx, id);
	}
	return notFound('Resource not found');
}

function rateLimited(ctx: Context, key: string): Response | undefined {
	const setting = ctx.rateLimit;
	if (!setting) return undefined;
	// Clerk's system limits: 100 requests per 10 s on development instances, 1000 on production.
	const { limit, windowMs } = setting === true ? { limit: key.startsWith('sk_live_') ? 1000 : 100, windowMs: 10_000 } : setting;
	return overLimit(ctx, key, limit, windowMs);
}

function create(ctx: Context, text: string): Response {
	const { fake, now, fields } = ctx;
	const parsed = parseJSON(text);
	const body: Record<string, unknown> = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
	const unknown = Object.keys(body).find((name) => !BODY_FIELDS.includes(name) && !Object.hasOwn(fields, name));
	if (unknown !== undefined) return paramError('form_param_unknown', unknown, 'is unknown', `${unknown} is not a valid parameter for this request.`);
	const { user_id: userId, expires_in_seconds: expiresIn, org_id: orgId } = body;
	if (userId === undefined || userId === null || userId === '') return paramError('form_param_missing', 'user_id', 'is missing', 'user_id must be included.');
	if (typeof userId !== 'string') return paramError('form_param_format_invalid', 'user_id', 'is invalid', 'user_id must be a string.');
	if (expiresIn !== undefined && expiresIn !== null) {
		if (!Number.isInteger(expiresIn))
			return paramError('form_param_format_invalid', 'expires_in_seconds', 'is invalid', 'expires_in_seconds must be an integer.');
		if ((expiresIn as number) < 1)
			return paramError('form_param_value_invalid', 'expires_in_seconds', 'is invalid', 'expires_in_seconds must be greater than or equal to 1.');
	}
	if (orgId !== undefined && orgId !== null && typeof orgId !== 'string')
		return paramError('form_param_format_invalid', 'org_id', 'is invalid', 'org_id must be a string.');
	if (!fake.users.has(userId)) return notFound(`No user was found with id ${userId}`);
	if (typeof orgId === 'string' && !fake.organizations.has(orgId)) return notFound(`No organization was found with id ${orgId}`);
	const at = now();
	const id = `sit_${randomId()}`;
	const lifetime = typeof expiresIn === 'number' ? expiresIn : THIRTY_DAYS_S;
	// A real ticket's payload: expires-in and expiry, instance, token ID and type — no user ID.
	const exp = Math.floor(at / 1000) + lifetime;
	const ticket = jwt({ eis: lifetime, exp, iid: fake.instanceId, sid: id, st: 'sign_in_token' });
	const record: FakeSignInToken = {
		object: 'sign_in_token',
		id,
		status: 'pending',
		user_id: userId,
		token: ticket,
		url: `${fake.frontendURL}/v1/tickets/accept?ticket=${ticket}`,
		created_at: at,
		updated_at: at,
		expires_at: exp * 1000,
		org_id: typeof orgId === 'string' ? orgId : null,
		...(Object.keys(fields).length && {
			fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, Object.hasOwn(body, name) ? body[name] : value])),
		}),
	};
	fake.tokens.set(id, record);
	ctx.tickets.set(ticket, id);
	return wire(record);
}

function revoke({ fake, now }: Context, id: string): Response {
	const found = fake.tokens.get(id);
	if (!found) return notFound('Resource not found');
	if (found.status !== 'pending') {
		// Clerk's catalogue: SignInTokenCannotBeRevoked.
		return clerkError(
			400,
			'sign_in_token_cannot_be_revoked_code',
			'cannot revoke',
			`Sign in token cannot be revoked because its status is ${found.status}. Only pending tokens can be revoked.`,
		);
	}
	// A revoked token no longer carries a ticket, nor a link to one.
	Object.assign(found, { status: 'revoked', updated_at: now(), token: undefined, url: null });
	return wire(found);
}

/**
 * Simulates a ticket being used: a pending, unexpired token (by ID or ticket) becomes `accepted`.
 *
 * @param ctx The fake and its clock.
 * @param tokenOrId The token's ID or its ticket.
 * @returns The token.
 * @throws {Error} When there is no such token, or it is no longer pending or has expired.
 */
export function accept(ctx: Context, tokenOrId: string): FakeSignInToken {
	const { fake, now } = ctx;
	const found = fake.tokens.get(tokenOrId) ?? [...fake.tokens.values()].find((t) => t.token === tokenOrId);
	if (!found) throw new Error(`No sign-in token ${tokenOrId}`);
	if (found.status !== 'pending') throw new Error(`Sign-in token ${found.id} is ${found.status}`);
	if (now() >= found.expires_at) throw new Error(`Sign-in token ${found.id} has expired`);
	Object.assign(found, { status: 'accepted', updated_at: now() });
	return found;
}
