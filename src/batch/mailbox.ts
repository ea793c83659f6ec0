// The batch's event queue.

/**
 * A queue the batch's loop waits on: settled reads and calls, posted in the order they settle, so
 * one waiter is woken per event instead of racing every pending promise on every turn.
 *
 * @returns The mailbox: `post` an event, `take` the oldest, `wait` for the next, `wake` the waiter.
 */
export function mailbox<T>() {
	const queue: T[] = [];
	let wake: (() => void) | undefined;
	const box = {
		get size() {
			return queue.length;
		},
		post: (event: T) => {
			queue.push(event);
			box.wake();
		},
		take: () => queue.shift(),
		wait: () => new Promise<void>((resolve) => (wake = resolve)),
		wake: () => {
			wake?.();
			wake = undefined;
		},
	};
	return box;
}
