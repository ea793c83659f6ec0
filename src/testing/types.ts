// The fake's public shapes: what it stores, records and accepts, and its controls.
import type { Transport } from '../pipeline/options.ts';

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
	/** Not on the wire: the organization the create named, activated on sign-in when the user is a member. */
	org_id: string | null;
	/** The fields configured with `fields`, sent flat beside the others. */
	fields?: Record<string, unknown>;
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

/** Which requests a fault of `failNext` is for: those to `path` (`/v1/client/sign_ins`) only. */
export interface FakeFaultMatch {
	/** The request path, without query. */
	path: string;
}

/** A browser's client on the fake's Frontend API, named by its `__client` cookie. */
export interface FakeClient {
	/** Always `client`. */
	object: 'client';
	/** `client_…` */
	id: string;
	/** Its sessions, ended ones included. */
	sessions: FakeSession[];
	/** The session it last made active. */
	last_active_session_id: string | null;
	/** When it was created, in ms since the epoch. */
	created_at: number;
	/** When it last changed, in ms since the epoch. */
	updated_at: number;
}

/** A session a ticket signed in. */
export interface FakeSession {
	/** Always `session`. */
	object: 'session';
	/** `sess_…` */
	id: string;
	/** `active` while it lasts. */
	status: 'active' | 'ended';
	/** Whose session it is. */
	user_id: string;
	/** The active organization, if any. */
	last_active_organization_id: string | null;
	/** When it was last touched, in ms since the epoch. */
	last_active_at: number;
	/** When it expires, in ms since the epoch. */
	expire_at: number;
	/** When it is abandoned, in ms since the epoch. */
	abandon_at: number;
	/** When it was created, in ms since the epoch. */
	created_at: number;
	/** When it last changed, in ms since the epoch. */
	updated_at: number;
}

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
	/**
	 * Organizations that exist, as IDs or `{ id, members? }` objects; default `["org_123"]`. One
	 * with `members` has those users as members; one without, every user (for the Frontend API's
	 * choice of an active organization).
	 */
	organizations?: Iterable<string | { id: string; members?: Iterable<string> }>;
	/**
	 * Freezes the fake's clock at this instant (ms since the epoch): it then stands still until
	 * `clock.advance`. Without `now` or `clock`, the fake keeps real time (`Date.now()`, which a
	 * test's fake timers also move), so expiries and rate-limit windows pass as Clerk's do.
	 */
	now?: number;
	/** A clock to read instead (ms since the epoch), for a test that steps time its own way; `advance` adds to it. */
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
	/**
	 * The Frontend API's limit on creating sign-ins, for the whole fake (on loopback every browser
	 * is one IP): `true` for Clerk's own, 5 per 10 s; on by default when `rateLimit` is `true`.
	 * Past it, the Frontend API answers 429 `too_many_requests` with `Retry-After`.
	 */
	frontendRateLimit?: boolean | FakeRateLimit;
	/**
	 * Fields Clerk has that the SDK does not model yet, to test against before it does: each is
	 * accepted in a create's body (instead of 422 `form_param_unknown`) and sent back on every token,
	 * as the create sent it, else with the value given here. `{ locale: 'en' }`.
	 */
	fields?: Record<string, unknown>;
}

/** The fake: its `fetch`, its state and its controls. */
export interface FakeClerk {
	/** A standard fetch that answers as Clerk's Backend API would: for code that takes a fetch. */
	fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
	/** The same fetch as a core's transport: `new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey })`. */
	transport: Transport;
	/** The same, for a `Request`: what msw handlers and Workers call. */
	handle: (request: Request) => Promise<Response>;
	/** The key the fake accepts. */
	secretKey: string;
	/** The publishable key of the fake's development instance, naming `frontendURL`'s host: for clerk-js, with `proxyUrl` pointing at `listen()`. */
	publishableKey: string;
	/** The instance's ID (`ins_…`), in every ticket's `iid`. */
	instanceId: string;
	/** The Frontend API origin of ticket URLs. */
	frontendURL: string;
	/** Users that exist; add to it to seed more. */
	users: Set<string>;
	/** Organizations that exist. */
	organizations: Set<string>;
	/** The members of each organization seeded with `members`; the others admit every user. */
	members: Map<string, Set<string>>;
	/** The Frontend API's clients (browsers), by ID. */
	clients: Map<string, FakeClient>;
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
	/** Makes the next `count` requests (to `match.path` only, when given) fail with `fault` instead of being handled. */
	failNext(count: number, fault: FakeFault, match?: FakeFaultMatch): void;
	/**
	 * Serves the same handler over real HTTP on 127.0.0.1 (Node only); `url` ends in `/v1`. Its
	 * origin serves the Frontend API's ticket sign-in too, for clerk-js's `proxyUrl`.
	 */
	listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

// Internal: not exported by the entry.
/** What the routes read beyond the fake's public state: its clock, its rate-limit windows and its tickets. */
export interface Context {
	fake: FakeClerk;
	now: () => number;
	rateLimit: boolean | FakeRateLimit | undefined;
	/** The Frontend API's limit on creating sign-ins. */
	frontendRateLimit: boolean | FakeRateLimit | undefined;
	/** Every ticket minted, to its token's ID: a revoked token no longer shows its ticket, but Clerk knows whose it was. */
	tickets: Map<string, string>;
	/** The Frontend API's dev browsers, each to the client it names. */
	devBrowsers: Map<string, string>;
	/** Undocumented fields this fake knows, with their defaults. */
	fields: Record<string, unknown>;
	windows: Map<string, { start: number; count: number }>;
}
