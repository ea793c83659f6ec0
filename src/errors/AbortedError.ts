import { SdkError } from './SdkError.ts';

/** The caller's `AbortSignal` fired; `cause` is a scrubbed copy of its reason. */
export class AbortedError extends SdkError {
	/** The class's name, also across realms and after serialization. */
	override readonly name = 'AbortedError';
	/** Discriminates the error union: `switch (error.kind)`. */
	readonly kind = 'aborted';

	constructor(cause: unknown) {
		super('Request was aborted by the caller', { cause });
	}
}
