// The fake's Frontend API: the small part of it a pinned `@clerk/clerk-js` (6.40) uses to sign in
// with a ticket and set the active session — the environment, the client, a sign-in with strategy
// `ticket`, a session's touch and its token — so a real clerk-js in a real browser signs in against
// the fake, offline. Paths and fields: spec/clerk-fapi-ticket-sign-in.yml (from Clerk's public
// Frontend API document); errors from Clerk's public error catalogue
// (https://clerk.com/docs/guides/development/errors/frontend-api). A browser's client is named, as
// on a development instance, by its dev browser (`POST /v1/dev_browser`, then `__clerk_db_jwt` in
// every request's query), else by the `__client` cookie these answers set, as on a production one.
import { clerkError, jwt, overLimit, randomId } from './wire.ts';
import type { Context, FakeClient, FakeSession, FakeSignInToken } from './types.ts';

// Clerk's Frontend API limits creating sign-ins to 5 per 10 s per IP (the figure, from
// Clerk's rate-limit page); on loopback every browser is one IP, so the window is the fake's.
const FRONTEND_LIMIT = { limit: 5, windowMs: 10_000 };
const SESSION_LIFETIME_MS = 7 * 86_400_000;
const TOKEN_LIFETIME_S = 60;

/**
 * Answers a Frontend API request, or `undefined` for a path that is not one (the Backend API's).
 *
 * @param ctx The fake and its clock.
 * @param request The request (its cookie names the client).
 * @param path Its path.
 * @param text Its body (form-encoded).
 * @returns The answer, or `undefined`.
 */
export function frontend(ctx: Context, request: Request, path: string, text: string): Response | undefined {
	const route = /^\/v1\/(environment|dev_browser|client(?:\/sign_ins|\/sessions\/([^/]+)\/(touch|tokens))?)$/.exec(path);
	if (!route) return undefined;
	const [, resource, sessionId, action] = route;
	const query = new URL(request.url).searchParams;
	const method = query.get('_method') ?? request.method;
	if (resource === 'environment' && (method === 'GET' || method === 'PATCH')) return environment(ctx);
	if (resource === 'dev_browser' && method === 'POST') return Response.json({ object: 'dev_browser', id: `dvb_${randomId()}` });
	const { client, fresh } = clientOf(ctx, query.get('__clerk_db_jwt'), request.headers.get('cookie'));
	let answer: Response;
	if (resource === 'client' && method === 'GET') answer = Response.json({ response: clientJSON(ctx, client), client: null });
	else if (resource === 'client/sign_ins' && method === 'POST') answer = signIn(ctx, client, new URLSearchParams(text));
	else if (sessionId !== undefined && method === 'POST')
		answer = sessionAction(ctx, client, decodeURIComponent(sessionId), action as string, new URLSearchParams(text));
	else answer = clerkError(404, 'resource_not_found', 'not found', 'Resource not found');
	if (fresh) answer.headers.append('set-cookie', `__client=${client.id}; Path=/; HttpOnly; SameSite=Lax`);
	return answer;
}

// The client the dev browser or the cookie names, or a new one (said with a Set-Cookie by the caller).
function clientOf({ fake, now, devBrowsers }: Context, devBrowser: string | null, cookie: string | null): { client: FakeClient; fresh: boolean } {
	const id = devBrowser ? devBrowsers.get(devBrowser) : /(?:^|;\s*)__client=([\w-]+)/.exec(cookie ?? '')?.[1];
	const known = id === undefined ? undefined : fake.clients.get(id);
	if (known) return { client: known, fresh: false };
	const at = now();
	const client: FakeClient = { object: 'client', id: `client_${randomId()}`, sessions: [], last_active_session_id: null, created_at: at, updated_at: at };
	fake.clients.set(client.id, client);
	if (devBrowser) devBrowsers.set(devBrowser, client.id);
	return { client, fresh: !devBrowser };
}

function environment({ fake }: Context): Response {
	return Response.json({
		object: 'environment',
		id: 'env_fake',
		auth_config: { object: 'auth_config', id: 'aac_fake', single_session_mode: true },
		display_config: {
			object: 'display_config',
			id: 'display_config_fake',
			instance_environment_type: 'development',
			application_name: 'Fake Clerk',
			home_url: fake.frontendURL,
			sign_in_url: `${fake.frontendURL}/sign-in`,
			sign_up_url: `${fake.frontendURL}/sign-up`,
		},
		user_settings: {},
		organization_settings: { enabled: true },
		maintenance_mode: false,
	});
}

function clientJSON(ctx: Context, client: FakeClient) {
	const sessions = client.sessions.filter((s) => s.status === 'active');
	return { ...client, sessions: sessions.map((s) => sessionJSON(ctx, s)), sign_in: null, sign_up: null };
}

function userJSON({ fake }: Context, userId: string, at: number) {
	const organizations = [...fake.organizations].filter((org) => isMember(fake, org, userId));
	return {
		object: 'user',
		id: userId,
		first_name: null,
		last_name: null,
		username: null,
		image_url: '',
		has_image: false,
		primary_email_address_id: null,
		primary_phone_number_id: null,
		primary_web3_wallet_id: null,
		email_addresses: [],
		phone_numbers: [],
		web3_wallets: [],
		passkeys: [],
		external_accounts: [],
		enterprise_accounts: [],
		organization_memberships: organizations.map((id) => ({
			object: 'organization_membership',
			id: `orgmem_${id}_${userId}`,
			role: 'org:member',
			permissions: [],
			public_metadata: {},
			organization: { object: 'organization', id, name: id, slug: id, image_url: '', has_image: false, public_metadata: {}, created_at: at, updated_at: at },
			created_at: at,
			updated_at: at,
		})),
		public_metadata: {},
		unsafe_metadata: {},
		password_enabled: false,
		two_factor_enabled: false,
		created_at: at,
		updated_at: at,
		last_sign_in_at: at,
	};
}

function sessionJSON(ctx: Context, session: FakeSession) {
	const at = ctx.now();
	const iat = Math.floor(at / 1000);
	const org = session.last_active_organization_id;
	// A session token's claims: the session, its user, the active organization, a minute's life.
	const token = jwt({
		sid: session.id,
		sub: session.user_id,
		iss: ctx.fake.frontendURL,
		iat,
		nbf: iat,
		exp: iat + TOKEN_LIFETIME_S,
		...(org ? { org_id: org } : {}),
	});
	return {
		...session,
		last_active_token: { object: 'token', jwt: token },
		user: userJSON(ctx, session.user_id, session.created_at),
		public_user_data: { first_name: null, last_name: null, image_url: '', has_image: false, identifier: session.user_id },
		factor_verification_age: [0, -1],
		actor: null,
	};
}

// Clerk's answers to a ticket it will not take: the error catalogue's codes and long messages.
const REFUSED = {
	invalid: ['ticket_invalid_code', "This ticket is invalid. Make sure you're using a valid ticket generated by Clerk."],
	expired: ['ticket_expired_code', 'This ticket has expired and cannot be used anymore.'],
	revoked: ['sign_in_token_revoked_code', 'This sign in token has been revoked and cannot be used anymore.'],
	accepted: ['sign_in_token_already_used_code', 'This sign in token has already been used. Each token can only be used once.'],
} as const;

const refuse = (why: keyof typeof REFUSED) => clerkError(400, REFUSED[why][0], 'ticket refused', REFUSED[why][1], { param_name: 'ticket' });

function signIn(ctx: Context, client: FakeClient, form: URLSearchParams): Response {
	const limited = frontendLimited(ctx);
	if (limited) return limited;
	if (form.get('strategy') !== 'ticket') {
		return clerkError(422, 'form_param_value_invalid', 'is invalid', 'The fake Frontend API signs in with strategy "ticket" only.', { param_name: 'strategy' });
	}
	// Single session mode: a client with an active session is signed in already.
	if (client.sessions.some((s) => s.status === 'active')) {
		return clerkError(
			400,
			'session_exists',
			"You're already signed in",
			"You're currently in single session mode. You can only be signed into one account at a time.",
		);
	}
	const ticket = form.get('ticket') ?? '';
	const id = ctx.tickets.get(ticket);
	const token = id === undefined ? undefined : ctx.fake.tokens.get(id);
	const why = ticketRefusal(ctx, token);
	if (why) return refuse(why);
	const found = token as FakeSignInToken;
	const at = ctx.now();
	Object.assign(found, { status: 'accepted', updated_at: at });
	const org = found.org_id && isMember(ctx.fake, found.org_id, found.user_id) ? found.org_id : null;
	const session: FakeSession = {
		object: 'session',
		id: `sess_${randomId()}`,
		status: 'active',
		user_id: found.user_id,
		last_active_organization_id: org,
		last_active_at: at,
		expire_at: at + SESSION_LIFETIME_MS,
		abandon_at: at + SESSION_LIFETIME_MS,
		created_at: at,
		updated_at: at,
	};
	client.sessions.push(session);
	Object.assign(client, { last_active_session_id: session.id, updated_at: at });
	const attempt = {
		object: 'sign_in_attempt',
		id: `sia_${randomId()}`,
		status: 'complete',
		supported_identifiers: [],
		supported_first_factors: [],
		supported_second_factors: null,
		first_factor_verification: null,
		second_factor_verification: null,
		identifier: null,
		user_data: null,
		created_session_id: session.id,
		abandon_at: at + 86_400_000,
	};
	return Response.json({ response: attempt, client: clientJSON(ctx, client) });
}

function ticketRefusal(ctx: Context, token: FakeSignInToken | undefined): keyof typeof REFUSED | undefined {
	if (!token || !ctx.fake.users.has(token.user_id)) return 'invalid';
	if (token.status === 'revoked') return 'revoked';
	if (token.status === 'accepted') return 'accepted';
	return ctx.now() >= token.expires_at ? 'expired' : undefined;
}

function sessionAction(ctx: Context, client: FakeClient, id: string, action: string, form: URLSearchParams): Response {
	const session = client.sessions.find((s) => s.id === id && s.status === 'active');
	if (!session) return clerkError(404, 'resource_not_found', 'not found', 'Resource not found');
	if (action === 'tokens') return Response.json(sessionJSON(ctx, session).last_active_token);
	// touch: the active organization, by `active_organization_id` (empty: none).
	if (form.has('active_organization_id')) {
		const org = form.get('active_organization_id') || null;
		if (org !== null && !ctx.fake.organizations.has(org)) {
			return clerkError(404, 'organization_not_found_or_unauthorized', 'not found', 'The organization does not exist, or you are not authorized to access it.');
		}
		if (org !== null && !isMember(ctx.fake, org, session.user_id)) {
			return clerkError(
				403,
				'not_a_member_in_organization',
				'not a member',
				'Current user is not a member of the organization. Only organization members can perform this action.',
			);
		}
		session.last_active_organization_id = org;
	}
	const at = ctx.now();
	Object.assign(session, { last_active_at: at, updated_at: at });
	return Response.json({ response: sessionJSON(ctx, session), client: clientJSON(ctx, client) });
}

// An organization seeded with its members admits those; one seeded by ID alone, every user.
function isMember(fake: Context['fake'], org: string, userId: string): boolean {
	return fake.members.get(org)?.has(userId) ?? fake.organizations.has(org);
}

function frontendLimited(ctx: Context): Response | undefined {
	const setting = ctx.frontendRateLimit;
	if (!setting) return undefined;
	const { limit, windowMs } = setting === true ? FRONTEND_LIMIT : setting;
	return overLimit(ctx, 'frontend sign-ins', limit, windowMs);
}
