// Running a caller's callback whose failure must stay its own: a logger, a budget's pause.

const noop = () => {};

/**
 * Runs a callback, ignoring what it throws and the rejection of a promise it returns (which would
 * otherwise be unhandled, and end a Node process).
 *
 * @param run The callback.
 */
export function isolated(run: () => unknown): void {
	try {
		const returned = run() as PromiseLike<unknown> | undefined;
		if (typeof returned?.then === 'function') returned.then(undefined, noop);
	} catch {
		// Its failure is its own.
	}
}
