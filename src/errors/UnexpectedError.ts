import { SdkError } from './SdkError.ts';

/**
 * Anything else: a hook threw, a custom `fetch` misbehaved (resolved to something that is not a
 * usable `Response`, or threw something that is not a network error). `cause` is a scrubbed copy
 * of what was thrown.
 */
export class UnexpectedError extends SdkError {
	override readonly name = 'UnexpectedError';
	override readonly kind = 'unexpected';

	constructor(reason: string, cause?: unknown) {
		super(`Unexpected error: ${reason}`, cause === undefined ? undefined : { cause });
	}
}
