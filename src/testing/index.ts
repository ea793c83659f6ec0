import * as v from 'valibot';
import { HEADER_SAFE, custom, isCount, isFunction, isObject } from '../lib/checks.ts';
import { trimSlashes } from '../lib/trimSlashes.ts';
import { validate } from '../lib/validate.ts';

// The `clerk-sign-in-tokens/testing` entry: an in-memory Clerk Backend API for sign-in tokens,
// served as a standard `fetch`, so users' tests need no server, no port and no mocks that drift.
// Its wire shapes follow spec/clerk-bapi-sign-in-tokens.yml (API version 2026-05-12) and its
// errors Clerk's public error catalogue; our tests validate every response it can send against the
// spec with an OpenAPI validator.

/** A sign-in token as the fake stores and sends it (wire shape, snake_case). */
export interface FakeSignInToken {
	/** Always `sign_in_token`. */
	object: 'sign_in_token';
	/** `sit_…` */
	id: string;
	/** Where the token is in its life. */
	status: 'pending' | 'accepted' | 'revoked';
	/** The user it signs in. */
	user_id: string;
	/** The ticket; Clerk sends none for a revoked token. */
	token?: string | undefined;
	/** The hosted link; `null` once revoked. */
	url: string | null;
	/** When it was created, in ms since the epoch. */
	created_at: number;
	/** When it last changed, in ms since the epoch. */
	updated_at: number;
	/** Not on the wire: when the ticket stops working, in ms since the epoch. */
	expires_at: number;
}

/** A request the fake received. */
export interface FakeRequest {
	/** The HTTP method. */
	method: string;
	/** Path and query, as sent (still percent-encoded). */
	path: string;
	/** Its headers, lower-cased names (Authorization included: it is a test double). */
	headers: Record<string, string>;
	/** The parsed JSON body, the raw text when it is not JSON, or `undefined` when empty. */
	body: unknown;
}

/**
 * A canned failure for `failNext`: an HTTP answer, `"network"` for a connection that fails (the
 * fetch rejects with a TypeError, as a platform fetch does), or `"hang"` for one that never answers
 * (until the request's signal aborts).
 */
export type FakeFault = { status: number; headers?: Record<string, string>; body?: string } | 'network' | 'hang';

/** Clerk's per-instance rate limit: `limit` requests per `windowMs`. */
export interface FakeRateLimit {
	/** Requests allowed per window. */
	limit: number;
	/** The window, in ms. */
	windowMs: number;
}

/** Options of `createFakeClerk`. */
export interface FakeClerkOptions {
	/** The key the fake accepts; default `sk_test_fake_clerk_key`. */
	secretKey?: string;
	/** The instance's ID, in every ticket's `iid`; default a random `ins_…`. */
	instanceId?: string;
	/** Users that exist, as IDs or `{ id }` objects; default `["user_123"]`. */
	users?: Iterable<string | { id: string }>;
	/** Organizations that exist, as IDs or `{ id }` objects; default `["org_123"]`. */
	organizations?: Iterable<string | { id: string }>;
	/** The fake clock's start, in ms since the epoch; default `Date.now()` at creation. It stands still until advanced. */
	now?: number;
	/** A clock to read instead (ms since the epoch), e.g. `Date.now` under a test's fake timers; `advance` adds to it. */
	clock?: () => number;
	/** Latency added to every answer, in ms, on real timers (or a test's fake ones); default 0. */
	latencyMs?: number;
	/** Frontend API origin of ticket URLs; default `https://fake-instance.clerk.accounts.dev`. */
	frontendURL?: string;
	/**
	 * Clerk's Backend API rate limit, per secret key, on the fake's clock: `true` for Clerk's own
	 * (100 requests per 10 s for `sk_test_…` keys, 1000 for `sk_live_…`), or your own. Off by
	 * default. Past it, the fake answers 429 `too_many_requests` with `Retry-After` in seconds.
	 */
	rateLimit?: boolean | FakeRateLimit;
}

/** The fake: its `fetch`, its state and its controls. */
export interface FakeClerk {
	/** A standard fetch that answers as Clerk's Backend API would. Pass it to `ClerkCore`. */
	fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
	/** The same, for a `Request`: what msw handlers and Workers call. */
	handle: (request: Request) => Promise<Response>;
	/** The key the fake accepts. */
	secretKey: string;
	/** The instance's ID (`ins_…`), in every ticket's `iid`. */
	instanceId: string;
	/** The Frontend API origin of ticket URLs. */
	frontendURL: string;
	/** Users that exist; add to it to seed more. */
	users: Set<string>;
	/** Organizations that exist. */
	organizations: Set<string>;
	/** Every token created, by ID. */
	tokens: Map<string, FakeSignInToken>;
	/** Every request received, oldest first. */
	requests: FakeRequest[];
	/** The fake clock: read it, or move it to expire tickets and open rate-limit windows. */
	clock: { now(): number; advance(ms: number): void };
	/** Latency added to every answer, in ms. */
	latencyMs: number;
	/** Simulates the ticket being used: a pending, unexpired token (by ID or ticket) becomes `accepted`. */
	accept(tokenOrId: string): FakeSignInToken;
	/** Makes the next `count` requests fail with `fault` instead of being handled. */
	failNext(count: number, fault: FakeFault): void;
	/** Serves the same handler over real HTTP on 127.0.0.1 (Node only); `url` ends in `/v1`. */
	listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

const THIRTY_DAYS_S = 2_592_000; // the spec's default for expires_in_seconds
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_FIELDS = ['user_id', 'expires_in_seconds', 'org_id'];

// Any whole number of at least 1: the fake's windows run on its own clock, not on a timer.
const isPositive = isCount(Number.POSITIVE_INFINITY);
// Read once, when the fake is made (a generator can be read only once), item by item below.
const isSeeds = (input: unknown) => isObject(input) && Symbol.iterator in input;
const SEEDS = 'must be an iterable (not a string) of IDs or { id } objects';

const OptionsSchema = v.object(
	{
		secretKey: custom<string>((input) => typeof input === 'string' && HEADER_SAFE.test(input), 'must be a non-empty string of visible ASCII'),
		instanceId: custom<string>((input) => typeof input === 'string' && input !== '', 'must be a non-empty string'),
		users: custom<Iterable<string | { id: string }>>(isSeeds, SEEDS),
		organizations: custom<Iterable<string | { id: string }>>(isSeeds, SEEDS),
		now: custom<number>(Number.isFinite, 'must be a finite number of ms since the epoch'),
		clock: custom<() => number>(isFunction, 'must be a function returning ms since the epoch'),
		latencyMs: custom<number>((input) => typeof input === 'number' && input >= 0 && Number.isFinite(input), 'must be a finite number of ms, 0 or more'),
		frontendURL: custom<string>(
			(input) => typeof input === 'string' && URL.canParse(input) && /^https?:$/.test(new URL(input).protocol),
			'must be an http(s) URL',
		),
		rateLimit: custom<boolean | FakeRateLimit>(
			(input) => typeof input === 'boolean' || (isObject(input) && isPositive(input.limit) && isPositive(input.windowMs)),
			'must be a boolean or { limit, windowMs }, both whole numbers of at least 1',
		),
	},
	'must be an object',
);

const isFault = (fault: unknown) =>
	fault === 'network' ||
	fault === 'hang' ||
	(isObject(fault) &&
		Number.isInteger(fault.status) &&
		(fault.status as number) >= 200 &&
		(fault.status as number) <= 599 &&
		(fault.headers === undefined || isObject(fault.headers)) &&
		(fault.body === undefined || typeof fault.body === 'string'));

/**
 * Creates an in-memory Clerk Backend API for sign-in tokens.
 *
 * @param options Seeds and settings.
 * @returns The fake, whose `fetch` plugs into `new ClerkCore({ fetch, secretKey })`.
 * @throws {TypeError} When an option is malformed or unknown, as `new ClerkCore` does: a fake set
 *   up wrong would make every test that uses it prove something else.
 *
 * @example
 * ```ts
 * const fake = createFakeClerk({ users: ['user_123'] });
 * const clerk = new ClerkCore({ fetch: fake.fetch, secretKey: fake.secretKey });
 * const res = await signInTokensCreate(clerk, { userId: 'user_123' });
 * ```
 */
export function createFakeClerk(options: FakeClerkOptions = {}): FakeClerk {
	const checked = validate(OptionsSchema, options, 'options');
	if ('issues' in checked) throw new TypeError(`createFakeClerk: ${checked.issues.map(({ path, message }) => `${path} ${message}`).join('; ')}`);
	let offset = 0;
	const start = options.now ?? Date.now();
	const read = options.clock ?? (() => start);
	const ids = (items: Iterable<string | { id: string }>, name: string) =>
		new Set(
			[...items].map((item: unknown) => {
				const id = typeof item === 'string' ? item : isObject(item) ? item.id : undefined;
				if (typeof id !== 'string' || id === '') throw new TypeError(`createFakeClerk: options.${name} ${SEEDS}`);
				return id;
			}),
		);
	const faults: FakeFault[] = [];
	const windows = new Map<string, { start: number; count: number }>();
	// Whole milliseconds, whatever the clock or `advance` are given: the spec's timestamps are int64.
	const now = () => Math.floor(read() + offset);

	const fake: FakeClerk = {
		secretKey: options.secretKey ?? 'sk_test_fake_clerk_key',
		instanceId: options.instanceId ?? `ins_${randomId()}`,
		frontendURL: trimSlashes(options.frontendURL ?? 'https://fake-instance.clerk.accounts.dev'),
		users: ids(options.users ?? ['user_123'], 'users'),
		organizations: ids(options.organizations ?? ['org_123'], 'organizations'),
		tokens: new Map(),
		requests: [],
		latencyMs: options.latencyMs ?? 0,
		clock: {
			now,
			advance: (ms) => {
				offset += ms;
			},
		},
		accept(tokenOrId) {
			const found = fake.tokens.get(tokenOrId) ?? [...fake.tokens.values()].find((t) => t.token === tokenOrId);
			if (!found) throw new Error(`No sign-in token ${tokenOrId}`);
			if (found.status !== 'pending') throw new Error(`Sign-in token ${found.id} is ${found.status}`);
			if (now() >= found.expires_at) throw new Error(`Sign-in token ${found.id} has expired`);
			Object.assign(found, { status: 'accepted', updated_at: now() });
			return found;
		},
		failNext(count, fault) {
			if (!Number.isInteger(count) || count < 0) throw new TypeError('failNext: count must be a whole number, 0 or more');
			if (!isFault(fault)) throw new TypeError('failNext: fault must be "network", "hang" or { status: 200 to 599, headers?, body?: string }');
			for (let i = 0; i < count; i++) faults.push(fault);
		},
		fetch: async (input, init) => {
			let request: Request;
			try {
				request = new Request(input, init);
			} catch {
				// What no server could be asked; answered, never thrown, like every other mistake here.
				return clerkError(400, 'request_invalid', 'invalid request', 'The request could not be read.');
			}
			return fake.handle(request);
		},
		handle: async (request) => {
			const text = await request.text().catch(() => '');
			const url = new URL(request.url);
			fake.requests.push({
				method: request.method,
				path: url.pathname + url.search,
				headers: Object.fromEntries(request.headers),
				body: text === '' ? undefined : (parseJSON(text) ?? text),
			});
			if (fake.latencyMs > 0) await sleep(fake.latencyMs, request.signal);
			const fault = faults.shift();
			if (fault === 'network') throw new TypeError('fetch failed (fake network failure)');
			if (fault === 'hang') return sleep(Number.POSITIVE_INFINITY, request.signal) as Promise<never>;
			if (fault) return new Response(fault.body ?? '', { status: fault.status, headers: fault.headers ?? {} });
			return answer(request.method, url.pathname, request.headers.get('authorization'), text);
		},
		async listen(port = 0) {
			const { serve } = await import('./listen.ts');
			// Looked up per request, so a test that wraps `fake.handle` is served through its wrapper.
			return serve((request) => fake.handle(request), port);
		},
	};

	function answer(method: string, path: string, authorization: string | null, text: string): Response {
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
		const limited = rateLimited(key);
		if (limited) return limited;
		// Only the two documented operations, under /v1 (a serverURL without it fails here as it
		// would against Clerk). The spec documents no 405, so another method finds nothing.
		if (method === 'POST' && path === '/v1/sign_in_tokens') return create(text);
		const revoking = /^\/v1\/sign_in_tokens\/([^/]+)\/revoke$/.exec(path)?.[1];
		if (method === 'POST' && revoking !== undefined) {
			let id: string;
			try {
				id = decodeURIComponent(revoking);
			} catch {
				// A malformed escape (`%E0%A4%A`, a lone `%`) names no token.
				return notFound('Resource not found');
			}
			return revoke(id);
		}
		return notFound('Resource not found');
	}

	function rateLimited(key: string): Response | undefined {
		const setting = options.rateLimit;
		if (!setting) return undefined;
		// Clerk's system limits: 100 requests per 10 s on development instances, 1000 on production.
		const { limit, windowMs } = setting === true ? { limit: key.startsWith('sk_live_') ? 1000 : 100, windowMs: 10_000 } : setting;
		const at = now();
		let window = windows.get(key);
		if (!window || at >= window.start + windowMs) windows.set(key, (window = { start: at, count: 0 }));
		if (window.count < limit) {
			window.count++;
			return undefined;
		}
		const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
		return clerkError(429, 'too_many_requests', 'Too many requests', 'Too many requests, please try again later.', undefined, {
			'retry-after': String(retryAfter),
		});
	}

	function create(text: string): Response {
		const parsed = parseJSON(text);
		const body: Record<string, unknown> = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
		const unknown = Object.keys(body).find((name) => !BODY_FIELDS.includes(name));
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
		};
		fake.tokens.set(id, record);
		return wire(record);
	}

	function revoke(id: string): Response {
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

	return fake;
}

function traceHeaders(traceId: string, extra: Record<string, string> = {}): Record<string, string> {
	return { 'x-clerk-trace-id': traceId, ...extra };
}

function wire({ expires_at: _, ...token }: FakeSignInToken): Response {
	return Response.json(token, { headers: traceHeaders(traceId()) });
}

function paramError(code: string, param: string, message: string, longMessage: string): Response {
	return clerkError(422, code, message, longMessage, { param_name: param });
}

function notFound(longMessage: string): Response {
	return clerkError(404, 'resource_not_found', 'not found', longMessage);
}

// Clerk's error body (spec: ClerkErrors); its trace ID is the same as the response's header's.
function clerkError(
	status: number,
	code: string,
	message: string,
	longMessage: string,
	meta?: Record<string, unknown>,
	headers?: Record<string, string>,
): Response {
	const trace = traceId();
	const error = { code, message, long_message: longMessage, ...(meta ? { meta } : {}) };
	return Response.json({ errors: [error], meta: {}, clerk_trace_id: trace }, { status, headers: traceHeaders(trace, headers) });
}

function parseJSON(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function randomId(length = 27): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => ALPHABET[byte % 62]).join('');
}

function traceId(): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function base64url(text: string): string {
	// `=` is only ever padding at the end of base64.
	return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

// Shaped like Clerk's tickets (header.payload.signature); the signature is random, not RS256.
function jwt(payload: Record<string, unknown>): string {
	return [base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })), base64url(JSON.stringify(payload)), randomId(43)].join('.');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
		signal.addEventListener(
			'abort',
			() => {
				clearTimeout(timer);
				reject(signal.reason);
			},
			{ once: true },
		);
	});
}
