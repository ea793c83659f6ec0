import { SdkError } from './SdkError.ts';

/** The request could not reach Clerk or the connection broke before a response arrived. */
export class ConnectionError extends SdkError {
	override readonly name = 'ConnectionError';
	readonly kind = 'connection';

	constructor(cause: unknown) {
		const reason = cause instanceof Error ? `: ${cause.message}` : '';
		super(`Connection to Clerk failed${reason}`, { cause });
	}
}
