// The `clerk-sign-in-tokens/budget/durable-object` entry: Clerk's per-instance rate limit shared by
// every isolate of a Cloudflare Worker. One Durable Object per secret key (named by the key's
// SHA-256) decides every slot: an object runs one request at a time, on one clock, so its
// decisions are serialized without a lock. Typed by shape: no Workers types are needed.
import { budget } from './index.ts';
import type { Budget } from '../pipeline/options.ts';
import { budgetOptions, engineBudget } from './engine.ts';
import type { BudgetOptions } from './engine.ts';

/** The namespace binding of `ClerkBudgetObject` (`env.CLERK_BUDGET`), as Workers hands it over. */
export interface DurableObjectNamespaceLike {
	/** The id of the object named `name`: one object per name, whoever asks. */
	idFromName(name: string): unknown;
	/** A stub of the object with that id. */
	get(id: never): { fetch(input: string, init?: RequestInit): Promise<Response> };
}

/** What a Durable Object's constructor receives as its state: the part this object uses. */
export interface DurableObjectStateLike {
	/** The object's own storage. */
	storage: { get(key: string): Promise<unknown>; put(key: string, value: unknown): Promise<void> };
	/** Holds every request until `callback` has settled: the saved window is read before any decision. */
	blockConcurrencyWhile<T>(callback: () => Promise<T>): Promise<T>;
}

/** Options of `durableObjectBudget`. */
export type DurableObjectBudgetOptions = BudgetOptions;

const ORIGIN = 'https://clerk-budget.invalid';

/**
 * The Durable Object that keeps one budget: export it from your Worker and bind it (see the
 * example). It keeps the window's grants in its storage, so a restarted object still remembers them.
 *
 * @example
 * ```ts
 * // wrangler.toml: [[durable_objects.bindings]] name = "CLERK_BUDGET", class_name = "ClerkBudgetObject"
 * export { ClerkBudgetObject } from 'clerk-sign-in-tokens/budget/durable-object';
 * ```
 */
export class ClerkBudgetObject {
	#state: DurableObjectStateLike;
	#log: number[] = [];
	#pausedUntil = 0;

	/**
	 * @param state The object's state (its storage).
	 * @param _env The Worker's bindings (unused).
	 */
	constructor(state: DurableObjectStateLike, _env?: unknown) {
		this.#state = state;
		void state.blockConcurrencyWhile(async () => {
			const saved = (await state.storage.get('budget')) as { log?: unknown; pausedUntil?: unknown } | undefined;
			if (Array.isArray(saved?.log)) this.#log = saved.log.filter((t): t is number => typeof t === 'number');
			if (typeof saved?.pausedUntil === 'number') this.#pausedUntil = saved.pausedUntil;
		});
	}

	/**
	 * Answers `POST /take` (`{ limit, windowMs }` → `{ waitMs }`, 0 when a slot was taken) and
	 * `POST /pause` (`{ ms }`).
	 *
	 * @param request The request from `durableObjectBudget`.
	 * @returns The decision.
	 */
	async fetch(request: Request): Promise<Response> {
		const body = (await request.json().catch(() => ({}))) as { limit?: unknown; windowMs?: unknown; ms?: unknown };
		const now = Date.now();
		const path = new URL(request.url).pathname;
		if (path === '/pause' && typeof body.ms === 'number' && body.ms > 0) {
			this.#pausedUntil = Math.max(this.#pausedUntil, now + body.ms);
		} else if (path === '/take' && typeof body.limit === 'number' && typeof body.windowMs === 'number') {
			return Response.json({ waitMs: this.#take(now, body.limit, body.windowMs) });
		} else return new Response('unknown request', { status: 400 });
		await this.#save();
		return Response.json({ waitMs: 0 });
	}

	// The sliding log's decision; the grant is stored before the answer leaves (the output gate).
	#take(now: number, limit: number, windowMs: number): number {
		if (this.#pausedUntil > now) return this.#pausedUntil - now;
		this.#log = this.#log.filter((t) => t > now - windowMs);
		if (this.#log.length >= limit) return Math.max(1, (this.#log[0] as number) + windowMs - now);
		this.#log.push(now);
		void this.#save();
		return 0;
	}

	#save(): Promise<void> {
		return this.#state.storage.put('budget', { log: this.#log, pausedUntil: this.#pausedUntil });
	}
}

/**
 * A budget shared through a Durable Object: every core given it, in every isolate of your Worker,
 * takes each attempt's slot from the one object of its secret key (named by the key's SHA-256).
 * When the object cannot answer within `engineTimeoutMs`, an isolate keeps to its own `limit` per
 * window, the core's logger gets a `budget` event saying so, and the object is asked again after
 * `retryEngineAfterMs`.
 *
 * @param namespace The binding of `ClerkBudgetObject` (`env.CLERK_BUDGET`).
 * @param options The limit and window to share, and the margins.
 * @returns The budget, for `new ClerkCore({ budget })`.
 * @throws {TypeError} When the namespace is not one, or an option is wrong.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ secretKey: env.CLERK_SECRET_KEY, budget: durableObjectBudget(env.CLERK_BUDGET, { limit: 100, windowMs: 10_000 }) });
 * ```
 */
export function durableObjectBudget(namespace: DurableObjectNamespaceLike, options: DurableObjectBudgetOptions): Budget {
	const ns = namespace as Partial<DurableObjectNamespaceLike> | null;
	if (typeof ns?.idFromName !== 'function' || typeof ns.get !== 'function') {
		throw new TypeError('durableObjectBudget: namespace must be a Durable Object namespace binding (env.CLERK_BUDGET)');
	}
	const settings = budgetOptions('durableObjectBudget', options);
	const ask = async (scope: string, path: string, body: unknown) => {
		const stub = namespace.get(namespace.idFromName(scope) as never);
		const response = await stub.fetch(`${ORIGIN}${path}`, { method: 'POST', body: JSON.stringify(body) });
		if (!response.ok) throw Object.assign(new Error(`status ${response.status}`), { code: `HTTP_${response.status}` });
		return ((await response.json()) as { waitMs?: unknown }).waitMs;
	};
	return budget(
		engineBudget(
			{
				name: 'durable object',
				take: async (scope, limit, windowMs) => Number(await ask(scope, '/take', { limit, windowMs })),
				pause: (scope, ms) => ask(scope, '/pause', { ms }),
			},
			settings,
		),
	);
}
