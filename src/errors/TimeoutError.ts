import { SdkError } from './SdkError.ts';

/** The call — key, hooks, every attempt, backoff and body read — did not finish within its deadline. */
export class TimeoutError extends SdkError {
	override readonly name = 'TimeoutError';
	override readonly kind = 'timeout';
	/** The deadline that passed, in ms. */
	declare readonly timeoutMs: number;

	constructor(timeoutMs: number) {
		super(`Request timed out after ${timeoutMs} ms`);
		Object.assign(this, { timeoutMs });
	}
}
