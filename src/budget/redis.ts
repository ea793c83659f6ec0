// The `clerk-sign-in-tokens/budget/redis` entry: Clerk's per-instance rate limit shared by every
// process that reaches one Redis — Playwright workers, CI shards, a queue's workers. Redis decides
// each slot atomically in a server-side script, on its own clock, so processes on machines whose
// clocks disagree cannot over-admit. Works with your own client, ioredis or node-redis (typed by
// shape: neither is a dependency).
import { budget } from './index.ts';
import type { Budget } from '../pipeline/options.ts';
import { budgetOptions, engineBudget } from './engine.ts';
import type { BudgetOptions } from './engine.ts';

/** An ioredis client (`call`), or a node-redis one (`sendCommand`): what this adapter sends commands with. */
export type RedisClientLike = { call(command: string, ...args: (string | number)[]): Promise<unknown> } | { sendCommand(args: string[]): Promise<unknown> };

/** Options of `redisBudget`. */
export interface RedisBudgetOptions extends BudgetOptions {
	/** Prefix of the keys it writes: `<prefix>:{<scope>}:log` and `…:pause`; default `clerk-sign-in-tokens:budget`. */
	prefix?: string | undefined;
}

// One atomic decision on Redis's clock (TIME), as a sliding log of the window's grants in a sorted
// set: a pause first (a 429's Retry-After), then a free slot, else how long until the oldest grant
// leaves the window. `pause` sets the pause's end if it is later than the one set.
// KEYS: log, pause. ARGV: 'take' limit window member | 'pause' ms.
const SCRIPT = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[1] == 'pause' then
  local untl = now + tonumber(ARGV[2])
  if untl > tonumber(redis.call('GET', KEYS[2]) or '0') then redis.call('SET', KEYS[2], untl, 'PX', ARGV[2]) end
  return 0
end
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local limit, window = tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)`;

let sha: Promise<string> | undefined;

// The script's SHA-1, which EVALSHA names it by.
function scriptSha(): Promise<string> {
	return (sha ??= crypto.subtle
		.digest('SHA-1', new TextEncoder().encode(SCRIPT))
		.then((digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')));
}

/**
 * A budget shared through Redis: every core given it, in every process, takes each attempt's slot
 * from one sliding window per secret key (stored under the key's SHA-256, never the key, so a test
 * key and a live key sharing one Redis never share a budget).
 *
 * When Redis cannot answer within `engineTimeoutMs` — down, slow, restarting — a process keeps to
 * its own `limit` per window, the core's logger gets a `budget` event saying so, and Redis is asked
 * again after `retryEngineAfterMs`. No call waits for Redis past its own deadline.
 *
 * @param client Your connected ioredis or node-redis client.
 * @param options The limit and window to share (Clerk's: 100 per 10 s on development instances,
 *   1000 on production), and the margins.
 * @returns The budget, for `new ClerkCore({ budget })`.
 * @throws {TypeError} When the client has neither `call` nor `sendCommand`, or an option is wrong.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL);
 * const clerk = new ClerkCore({ budget: redisBudget(redis, { limit: 100, windowMs: 10_000 }) });
 * ```
 */
export function redisBudget(client: RedisClientLike, options: RedisBudgetOptions): Budget {
	const { prefix = 'clerk-sign-in-tokens:budget', ...rest } = (typeof options === 'object' && options !== null ? options : {}) as RedisBudgetOptions;
	if (typeof prefix !== 'string' || prefix === '') throw new TypeError('redisBudget: options.prefix must be a non-empty string');
	const settings = budgetOptions('redisBudget', options === null || typeof options !== 'object' ? options : rest);
	const send = commander(client);
	const run = async (keys: [string, string], args: (string | number)[]): Promise<number> => {
		const all = ['2', ...keys, ...args.map(String)];
		const sha = await scriptSha();
		let answer: unknown;
		try {
			answer = await send(['EVALSHA', sha, ...all]);
		} catch (error) {
			// A restarted (or flushed) Redis has forgotten the script: send it whole, once.
			if (!/NOSCRIPT/.test(String((error as Error)?.message))) throw error;
			answer = await send(['EVAL', SCRIPT, ...all]);
		}
		return Number(answer);
	};
	const keys = (scope: string): [string, string] => [`${prefix}:{${scope}}:log`, `${prefix}:{${scope}}:pause`];
	return budget(
		engineBudget(
			{
				name: 'redis',
				take: (scope, limit, windowMs) => run(keys(scope), ['take', limit, windowMs, crypto.randomUUID()]),
				pause: (scope, ms) => run(keys(scope), ['pause', Math.max(1, Math.ceil(ms))]),
			},
			settings,
		),
	);
}

// Sends one command with whichever client this is.
function commander(client: RedisClientLike): (args: string[]) => Promise<unknown> {
	const c = client as { call?: unknown; sendCommand?: unknown } | null;
	if (typeof c?.call === 'function') {
		const call = c.call as (command: string, ...args: string[]) => Promise<unknown>;
		return ([command, ...args]) => call.call(client, command as string, ...args);
	}
	if (typeof c?.sendCommand === 'function') {
		const sendCommand = c.sendCommand as (args: string[]) => Promise<unknown>;
		return (args) => sendCommand.call(client, args);
	}
	throw new TypeError('redisBudget: client must be an ioredis client (with call) or a node-redis one (with sendCommand)');
}
