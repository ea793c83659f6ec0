import { SdkError } from './SdkError.ts';

/** The call — key, hooks, every attempt, backoff and body read — did not finish within its deadline. */
export class TimeoutError extends SdkError {
	override readonly name = 'TimeoutError';
	readonly kind = 'timeout';
	declare readonly timeoutMs: number;

	constructor(timeoutMs: number) {
		super(`Request timed out after ${timeoutMs} ms`);
		Object.assign(this, { timeoutMs });
	}
}
