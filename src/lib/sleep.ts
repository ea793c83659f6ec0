// The one abortable wait: the governor's pauses and the fake's latency and hangs.

/**
 * Waits `ms` (forever for `Infinity`), or until `signal` aborts.
 *
 * @param ms How long, in ms; `Infinity` waits for the signal alone.
 * @param signal Ends the wait early.
 * @returns A promise that resolves after `ms`, or rejects with the signal's reason; no timer or
 *   listener outlives it.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(signal.reason);
		const abort = () => {
			clearTimeout(timer);
			reject(signal.reason);
		};
		const timer = Number.isFinite(ms)
			? setTimeout(() => {
					signal.removeEventListener('abort', abort);
					resolve();
				}, ms)
			: undefined;
		signal.addEventListener('abort', abort, { once: true });
	});
}
