// The `clerk-sign-in-tokens/testing` entry: an in-memory Clerk Backend API for sign-in tokens,
// served as a standard `fetch`, so users' tests need no server, no port and no mocks that drift.
// Its wire shapes follow spec/clerk-bapi-sign-in-tokens.yml (API version 2026-05-12); our tests
// validate every response it sends against that document.

/** A sign-in token as the fake stores and sends it (wire shape, snake_case). */
export interface FakeSignInToken {
	object: 'sign_in_token';
	id: string;
	status: 'pending' | 'accepted' | 'revoked';
	user_id: string;
	token: string;
	url: string;
	created_at: number;
	updated_at: number;
	/** Not on the wire: when the ticket stops working, in ms since the epoch. */
	expires_at: number;
}

/** A request the fake received. */
export interface FakeRequest {
	method: string;
	path: string;
	headers: Record<string, string>;
	/** The parsed JSON body, the raw text when it is not JSON, or `undefined` when empty. */
	body: unknown;
}

/** A canned failure for `failNext`: an HTTP answer, or `"network"` for a connection that fails. */
export type FakeFault = { status: number; headers?: Record<string, string>; body?: string } | 'network';

/** Options of `createFakeClerk`. */
export interface FakeClerkOptions {
	/** The key the fake accepts; default `sk_test_fake_clerk_key`. */
	secretKey?: string;
	/** Users that exist, as IDs or `{ id }` objects; default `["user_123"]`. */
	users?: Iterable<string | { id: string }>;
	/** Organizations that exist, as IDs or `{ id }` objects; default `["org_123"]`. */
	organizations?: Iterable<string | { id: string }>;
	/** The fake clock's time, in ms since the epoch; default `Date.now()` at creation. It stands still until advanced. */
	now?: number;
	/** A clock to read instead (ms since the epoch), e.g. a test's fake timers; `advance` adds to it. */
	clock?: () => number;
	/** Latency added to every answer, in ms; default 0. */
	latencyMs?: number;
	/** Frontend API origin of ticket URLs; default `https://fake-clerk.accounts.dev`. */
	frontendURL?: string;
}

/** The fake: its `fetch`, its state and its controls. */
export interface FakeClerk {
	/** A standard fetch that answers as Clerk's Backend API would. Pass it to `ClerkCore`. */
	fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
	/** The key the fake accepts. */
	secretKey: string;
	/** Users that exist; add to it to seed more. */
	users: Set<string>;
	/** Organizations that exist. */
	organizations: Set<string>;
	/** Every token created, by ID. */
	tokens: Map<string, FakeSignInToken>;
	/** Every request received, oldest first. */
	requests: FakeRequest[];
	/** The fake clock: read it, or move it to expire tickets. */
	clock: { now(): number; advance(ms: number): void };
	/** Latency added to every answer, in ms. */
	latencyMs: number;
	/** Simulates the ticket being used: a pending, unexpired token becomes `accepted`. */
	accept(tokenOrId: string): FakeSignInToken;
	/** Makes the next `count` requests fail with `fault` instead of being handled. */
	failNext(count: number, fault: FakeFault): void;
	/** Serves the same handler over real HTTP on 127.0.0.1 (Node only). */
	listen(port?: number): Promise<{ url: string; close(): Promise<void> }>;
}

const THIRTY_DAYS_S = 2_592_000; // the spec's default for expires_in_seconds

/**
 * Creates an in-memory Clerk Backend API for sign-in tokens.
 *
 * @param options Seeds and settings.
 * @returns The fake, whose `fetch` plugs into `new ClerkCore({ fetch, secretKey })`.
 *
 * @example
 * ```ts
 * const fake = createFakeClerk();
 * const clerk = new ClerkCore({ fetch: fake.fetch, secretKey: fake.secretKey });
 * const res = await signInTokensCreate(clerk, { userId: 'user_123' });
 * ```
 */
export function createFakeClerk(options: FakeClerkOptions = {}): FakeClerk {
	let offset = 0;
	const start = options.now ?? Date.now();
	const read = options.clock ?? (() => start);
	const ids = (items: Iterable<string | { id: string }>) => new Set([...items].map((item) => (typeof item === 'string' ? item : item.id)));
	const faults: FakeFault[] = [];
	const frontendURL = options.frontendURL ?? 'https://fake-clerk.accounts.dev';

	const fake: FakeClerk = {
		secretKey: options.secretKey ?? 'sk_test_fake_clerk_key',
		users: ids(options.users ?? ['user_123']),
		organizations: ids(options.organizations ?? ['org_123']),
		tokens: new Map(),
		requests: [],
		latencyMs: options.latencyMs ?? 0,
		clock: {
			now: () => read() + offset,
			advance: (ms) => {
				offset += ms;
			},
		},
		accept(tokenOrId) {
			const found = fake.tokens.get(tokenOrId) ?? [...fake.tokens.values()].find((t) => t.token === tokenOrId);
			if (!found) throw new Error(`No sign-in token ${tokenOrId}`);
			if (found.status !== 'pending') throw new Error(`Sign-in token ${found.id} is ${found.status}`);
			if (fake.clock.now() >= found.expires_at) throw new Error(`Sign-in token ${found.id} has expired`);
			Object.assign(found, { status: 'accepted', updated_at: fake.clock.now() });
			return found;
		},
		failNext(count, fault) {
			for (let i = 0; i < count; i++) faults.push(fault);
		},
		async fetch(input, init) {
			const request = new Request(input, init);
			const text = await request.text();
			const url = new URL(request.url);
			fake.requests.push({
				method: request.method,
				path: url.pathname + url.search,
				headers: Object.fromEntries(request.headers),
				body: text === '' ? undefined : parseJSON(text) ?? text,
			});
			if (fake.latencyMs > 0) await sleep(fake.latencyMs, request.signal);
			const fault = faults.shift();
			if (fault === 'network') throw new TypeError('fetch failed (fake network failure)');
			if (fault) return new Response(fault.body ?? '', { status: fault.status, headers: fault.headers ?? {} });
			return handle(request.method, url.pathname, request.headers.get('authorization'), text);
		},
		async listen(port = 0) {
			const { serve } = await import('./listen.ts');
			return serve(fake.fetch, port);
		},
	};

	function handle(method: string, path: string, authorization: string | null, text: string): Response {
		if (authorization !== `Bearer ${fake.secretKey}`) {
			return clerkError(401, 'authentication_invalid', 'Invalid authentication', 'Unable to authenticate the request, you need to supply an active API key');
		}
		// Both operations are POSTs; the spec documents no 405, so any other method finds nothing.
		if (method !== 'POST') return notFound();
		if (/\/sign_in_tokens$/.test(path)) return create(text);
		const match = /\/sign_in_tokens\/([^/]+)\/revoke$/.exec(path);
		if (match?.[1]) return revoke(decodeURIComponent(match[1]));
		return notFound();
	}

	function create(text: string): Response {
		const body = parseJSON(text);
		if (typeof body !== 'object' || body === null || Array.isArray(body)) {
			return paramError('form_param_missing', 'user_id', 'is missing');
		}
		const { user_id: userId, expires_in_seconds: expiresIn, org_id: orgId } = body as Record<string, unknown>;
		if (userId === undefined || userId === null || userId === '') return paramError('form_param_missing', 'user_id', 'is missing');
		if (typeof userId !== 'string') return paramError('form_param_format_invalid', 'user_id', 'must be a string');
		if (expiresIn !== undefined && expiresIn !== null && !(Number.isInteger(expiresIn) && (expiresIn as number) >= 1)) {
			return paramError('form_param_format_invalid', 'expires_in_seconds', 'must be an integer greater than or equal to 1');
		}
		if (orgId !== undefined && orgId !== null && typeof orgId !== 'string') {
			return paramError('form_param_format_invalid', 'org_id', 'must be a string');
		}
		if (!fake.users.has(userId)) return notFound();
		if (typeof orgId === 'string' && !fake.organizations.has(orgId)) return notFound();
		const now = fake.clock.now();
		const id = `sit_${randomId()}`;
		const lifetime = typeof expiresIn === 'number' ? expiresIn : THIRTY_DAYS_S;
		const token = jwt({ sub: userId, sid: id, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + lifetime, ...(orgId ? { org_id: orgId } : {}) });
		const record: FakeSignInToken = {
			object: 'sign_in_token',
			id,
			status: 'pending',
			user_id: userId,
			token,
			url: `${frontendURL}/v1/tickets/accept?ticket=${token}`,
			created_at: now,
			updated_at: now,
			expires_at: now + lifetime * 1000,
		};
		fake.tokens.set(id, record);
		return wire(record);
	}

	function revoke(id: string): Response {
		const found = fake.tokens.get(id);
		if (!found) return notFound();
		if (found.status !== 'pending') {
			return clerkError(400, 'sign_in_token_cannot_be_revoked', 'cannot be revoked', `Sign in token cannot be revoked because its status is ${found.status}.`);
		}
		Object.assign(found, { status: 'revoked', updated_at: fake.clock.now() });
		return wire(found);
	}

	return fake;
}

function wire({ expires_at: _, ...token }: FakeSignInToken): Response {
	return Response.json(token, { headers: { 'x-clerk-trace-id': traceId() } });
}

function paramError(code: string, param: string, detail: string): Response {
	return clerkError(422, code, `${param} ${detail}`, `${param} ${detail}`, { param_name: param });
}

function notFound(): Response {
	return clerkError(404, 'resource_not_found', 'not found', 'Resource not found');
}

function clerkError(status: number, code: string, message: string, longMessage: string, meta?: Record<string, unknown>): Response {
	const error = { code, message, long_message: longMessage, ...(meta ? { meta } : {}) };
	return Response.json({ errors: [error], meta: {}, clerk_trace_id: traceId() }, { status });
}

function parseJSON(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomId(length = 27): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(length)), (byte) => ALPHABET[byte % 62]).join('');
}

function traceId(): string {
	return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function base64url(text: string): string {
	return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

// JWT-shaped like Clerk's tickets (header.payload.signature); the signature is random, not RS256.
function jwt(payload: Record<string, unknown>): string {
	return [base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' })), base64url(JSON.stringify(payload)), randomId(43)].join('.');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => {
			clearTimeout(timer);
			reject(signal.reason);
		}, { once: true });
	});
}
