/**
 * Yields one task (not a microtask): a `MessageChannel` message, which every runtime has and no
 * test framework's fake timers hold back.
 *
 * A long batch against an in-memory fetch (the fake, a stub) never leaves the microtask queue, and
 * runtimes release what a response held through finalization callbacks that run as tasks: without
 * a task now and then, 100,000 calls would keep every body alive.
 *
 * @returns A promise that settles after one task.
 */
export function breathe(): Promise<void> {
	if (typeof MessageChannel !== 'function') return Promise.resolve();
	return new Promise((resolve) => {
		const { port1, port2 } = new MessageChannel();
		port1.onmessage = () => {
			port1.close();
			resolve();
		};
		port2.postMessage(0);
	});
}
