import { SdkError } from './SdkError.ts';

/** Anything else: a hook threw, a custom `fetch` misbehaved. The original is the `cause`. */
export class UnexpectedError extends SdkError {
	override readonly name = 'UnexpectedError';
	readonly kind = 'unexpected';

	constructor(reason: string, cause?: unknown) {
		super(`Unexpected error: ${reason}`, { cause });
	}
}
