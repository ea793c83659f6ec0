// The `clerk-sign-in-tokens/testing` entry: an in-memory Clerk Backend API for sign-in tokens,
// served as a standard `fetch`, so users' tests need no server, no port and no mocks that drift.
// Its wire shapes follow spec/clerk-bapi-sign-in-tokens.yml (API version 2026-05-12) and its
// errors Clerk's public error catalogue; our tests validate every response it can send against the
// spec with an OpenAPI validator.

import * as v from 'valibot';
import { HEADER_SAFE, custom, isCount, isFunction, isObject } from '../lib/checks.ts';
import { trimSlashes } from '../lib/trimSlashes.ts';
import { sleep } from '../lib/sleep.ts';
import { listIssues, validate } from '../lib/validate.ts';
import { transport } from '../transport.ts';
import { accept, answer } from './routes.ts';
import type { Context, FakeClerk, FakeClerkOptions, FakeFault, FakeFaultMatch, FakeRateLimit } from './types.ts';
import { clerkError, parseJSON, randomId } from './wire.ts';

// A token's and a create's documented fields: `fields` adds others, never these.
const FIELDS = ['object', 'id', 'status', 'user_id', 'token', 'url', 'created_at', 'updated_at', 'expires_in_seconds', 'org_id'];

export type { FakeClerk, FakeClerkOptions, FakeClient, FakeFault, FakeFaultMatch, FakeRateLimit, FakeRequest, FakeSession, FakeSignInToken } from './types.ts';

// Any whole number of at least 1: the fake's windows run on its own clock, not on a timer.
const isPositive = isCount(Number.POSITIVE_INFINITY);
// Read once, when the fake is made (a generator can be read only once), item by item below.
const isSeeds = (input: unknown) => isObject(input) && Symbol.iterator in input;
const SEEDS = 'must be an iterable (not a string) of IDs or { id } objects';
const LIMIT_RULE = 'must be a boolean or { limit, windowMs }, both whole numbers of at least 1';
const isLimit = (input: unknown) => typeof input === 'boolean' || (isObject(input) && isPositive(input.limit) && isPositive(input.windowMs));

const OptionsSchema = v.object(
	{
		secretKey: custom<string>((input) => typeof input === 'string' && HEADER_SAFE.test(input), 'must be a non-empty string of visible ASCII'),
		instanceId: custom<string>((input) => typeof input === 'string' && input !== '', 'must be a non-empty string'),
		users: custom<Iterable<string | { id: string }>>(isSeeds, SEEDS),
		organizations: custom<Iterable<string | { id: string; members?: Iterable<string> }>>(isSeeds, SEEDS),
		now: custom<number>(Number.isFinite, 'must be a finite number of ms since the epoch'),
		clock: custom<() => number>(isFunction, 'must be a function returning ms since the epoch'),
		latencyMs: custom<number>((input) => typeof input === 'number' && input >= 0 && Number.isFinite(input), 'must be a finite number of ms, 0 or more'),
		frontendURL: custom<string>(
			(input) => typeof input === 'string' && URL.canParse(input) && /^https?:$/.test(new URL(input).protocol),
			'must be an http(s) URL',
		),
		fields: custom<Record<string, unknown>>(
			(input) => isObject(input) && !Array.isArray(input) && !Object.keys(input).some((name) => FIELDS.includes(name)),
			"must be an object of field names Clerk's token does not document (not user_id, id, status…)",
		),
		rateLimit: custom<boolean | FakeRateLimit>(isLimit, LIMIT_RULE),
		frontendRateLimit: custom<boolean | FakeRateLimit>(isLimit, LIMIT_RULE),
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
 * @returns The fake, whose `transport` plugs into `new ClerkCore({ transport, secretKey })`.
 * @throws {TypeError} When an option is malformed or unknown, as `new ClerkCore` does: a fake set
 *   up wrong would make every test that uses it prove something else.
 *
 * @example
 * ```ts
 * const fake = createFakeClerk({ users: ['user_123'] });
 * const clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });
 * const res = await signInTokensCreate(clerk, { userId: 'user_123' });
 * ```
 */
export function createFakeClerk(options: FakeClerkOptions = {}): FakeClerk {
	const checked = validate(OptionsSchema, options, 'options');
	if ('issues' in checked) throw new TypeError(`createFakeClerk: ${listIssues(checked.issues)}`);
	let offset = 0;
	// Real time unless the test fixes it: `Date.now` looked up per read, so fake timers installed
	// after the fake was made still drive it.
	const { now: start } = options;
	const read = options.clock ?? (start === undefined ? () => Date.now() : () => start);
	const faults: Queued[] = [];
	// Whole milliseconds, whatever the clock or `advance` are given: the spec's timestamps are int64.
	// A clock that throws, or gives no time a Date can hold, is said here, where the fake reads it.
	const now = () => {
		let at: number;
		try {
			at = Math.floor(read() + offset);
		} catch {
			throw new BrokenClock('options.clock threw');
		}
		// A Date says itself whether it can hold the time: not NaN (what a string or a promise gives), nor past ±8.64e15 ms.
		if (!Number.isNaN(new Date(at).getTime())) return at;
		throw new BrokenClock(`the clock (options.now or options.clock, plus clock.advance) gave ${at}, not ms since the epoch that a Date can hold`);
	};

	const frontendURL = trimSlashes(options.frontendURL ?? 'https://fake-instance.clerk.accounts.dev');
	const members = new Map<string, Set<string>>();
	const fake: FakeClerk = {
		secretKey: options.secretKey ?? 'sk_test_fake_clerk_key',
		// A development instance's publishable key: `pk_test_` and its Frontend API host, base64 (Clerk's format).
		publishableKey: `pk_test_${btoa(`${new URL(frontendURL).host}$`)}`,
		instanceId: options.instanceId ?? `ins_${randomId()}`,
		frontendURL,
		users: seeds(options.users ?? ['user_123'], 'users'),
		organizations: seeds(options.organizations ?? ['org_123'], 'organizations', members),
		members,
		tokens: new Map(),
		clients: new Map(),
		requests: [],
		latencyMs: options.latencyMs ?? 0,
		clock: {
			now,
			advance: (ms) => {
				if (!Number.isFinite(ms)) throw new TypeError('clock.advance: ms must be a finite number');
				offset += ms;
			},
		},
		accept: (tokenOrId) => accept(ctx, tokenOrId),
		failNext: (count, fault, match) => queue(faults, count, fault, match),
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
		// Looked up per request, so a test that wraps `fake.fetch` or `fake.handle` is served through its wrapper.
		transport: transport({ fetch: (input, init) => fake.fetch(input, init) }),
		handle: (request) => handle(ctx, faults, request),
		async listen(port = 0) {
			const { serve } = await import('./listen.ts');
			// Looked up per request, so a test that wraps `fake.handle` is served through its wrapper.
			return serve((request) => fake.handle(request), port);
		},
	};
	const ctx: Context = {
		fake,
		now,
		rateLimit: options.rateLimit,
		// Clerk's own limits are both on with `rateLimit: true`; each may be set apart.
		frontendRateLimit: options.frontendRateLimit ?? options.rateLimit === true,
		tickets: new Map(),
		devBrowsers: new Map(),
		windows: new Map(),
		fields: { ...options.fields },
	};
	return fake;
}

// `failNext`: the next `count` requests (to `match.path` only, when given) answered with `fault`.
function queue(faults: Queued[], count: number, fault: FakeFault, match: FakeFaultMatch | undefined): void {
	if (!Number.isInteger(count) || count < 0) throw new TypeError('failNext: count must be a whole number, 0 or more');
	if (!isFault(fault)) throw new TypeError('failNext: fault must be "network", "hang" or { status: 200 to 599, headers?, body?: string }');
	if (match !== undefined && (!isObject(match) || typeof match.path !== 'string' || Object.keys(match).some((key) => key !== 'path'))) {
		throw new TypeError('failNext: match must be { path: the request path it fails, e.g. "/v1/client/sign_ins" }');
	}
	for (let i = 0; i < count; i++) faults.push({ fault, path: match?.path });
}

// Seeds given as IDs or `{ id }` objects, read once (a generator can be read only once); an
// organization's `{ id, members }` admits those members only.
function seeds(items: Iterable<string | { id: string; members?: Iterable<string> }>, name: string, members?: Map<string, Set<string>>): Set<string> {
	return new Set(
		[...items].map((item: unknown) => {
			const id = typeof item === 'string' ? item : isObject(item) ? item.id : undefined;
			if (typeof id !== 'string' || id === '') throw new TypeError(`createFakeClerk: options.${name} ${SEEDS}`);
			const listed = isObject(item) ? item.members : undefined;
			if (listed !== undefined) {
				if (!members || !isSeeds(listed) || ![...(listed as Iterable<unknown>)].every((user) => typeof user === 'string')) {
					throw new TypeError(`createFakeClerk: options.${name} members must be an iterable of user IDs`);
				}
				members.set(id, new Set(listed as Iterable<string>));
			}
			return id;
		}),
	);
}

// One request: recorded, delayed by the latency, failed by a queued fault, or answered.
async function handle(ctx: Context, faults: Queued[], request: Request): Promise<Response> {
	const { fake } = ctx;
	const text = await request.text().catch(() => '');
	const url = new URL(request.url);
	fake.requests.push({
		method: request.method,
		path: url.pathname + url.search,
		headers: Object.fromEntries(request.headers),
		body: text === '' ? undefined : (parseJSON(text) ?? text),
	});
	if (fake.latencyMs > 0) await sleep(fake.latencyMs, request.signal);
	// The next queued fault this request matches (any, or one for its path).
	const at = faults.findIndex((queued) => queued.path === undefined || queued.path === url.pathname);
	const fault = at === -1 ? undefined : faults.splice(at, 1)[0]?.fault;
	if (fault === 'network') throw new TypeError('fetch failed (fake network failure)');
	if (fault === 'hang') return sleep(Number.POSITIVE_INFINITY, request.signal) as Promise<never>;
	if (fault) return new Response(fault.body ?? '', { status: fault.status, headers: fault.headers ?? {} });
	try {
		return answer(ctx, request, url.pathname, text);
	} catch (error) {
		// Said as a 500 in Clerk's error shape, in process and over `listen()` alike, not as timestamps no Date can hold.
		if (error instanceof BrokenClock) return clerkError(500, 'fake_clock_invalid', "The fake's clock is broken", error.message);
		throw error;
	}
}

/** A fault `failNext` queued, and the path it is for (any, when `undefined`). */
interface Queued {
	fault: FakeFault;
	path: string | undefined;
}

/** A test's clock that threw, or gave no time a Date can hold. */
class BrokenClock extends TypeError {
	constructor(reason: string) {
		super(`createFakeClerk: ${reason}`);
	}
}
