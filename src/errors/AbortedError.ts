import { SdkError } from './SdkError.ts';

/** The caller's `AbortSignal` fired; `cause` is a scrubbed copy of its reason. */
export class AbortedError extends SdkError {
	override readonly name = 'AbortedError';
	override readonly kind = 'aborted';

	constructor(cause: unknown) {
		super('Request was aborted by the caller', { cause });
	}
}
