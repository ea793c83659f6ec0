import { sleep } from '../lib/sleep.ts';

// A rate governor: at most `limit` sends in any `windowMs`, in arrival order, and a shared pause
// when the server says to wait. A sliding log of send times never exceeds a budget the server
// counts in fixed windows either, since every fixed window lies inside some sliding one.

/** Keeps a batch under a request budget. */
export interface Governor {
	/** Waits for a slot (and any pause), then takes it; rejects if `signal` aborts first, taking none. */
	take(signal: AbortSignal): Promise<void>;
	/** Holds every later `take` for `ms` (a 429's `Retry-After`), for all callers at once. */
	pause(ms: number): void;
}

/**
 * Creates a governor.
 *
 * @param limit Sends allowed per window.
 * @param windowMs The window, in ms.
 * @returns The governor. Time is `Date.now()` and waits are `setTimeout`, so a test's fake timers drive it.
 */
export function governor(limit: number, windowMs: number): Governor {
	const sent: number[] = [];
	let pausedUntil = 0;
	let queue: Promise<void> = Promise.resolve();
	return {
		take(signal) {
			const turn = queue.then(async () => {
				for (;;) {
					signal.throwIfAborted();
					const now = Date.now();
					while (sent.length > 0 && (sent[0] as number) <= now - windowMs) sent.shift();
					const wait = Math.max(pausedUntil - now, sent.length >= limit ? (sent[0] as number) + windowMs - now : 0);
					if (wait <= 0) {
						sent.push(now);
						return;
					}
					await sleep(wait, signal);
				}
			});
			// One caller's abort must not fail the callers queued behind it.
			queue = turn.catch(() => {});
			return turn;
		},
		pause(ms) {
			pausedUntil = Math.max(pausedUntil, Date.now() + ms);
		},
	};
}
