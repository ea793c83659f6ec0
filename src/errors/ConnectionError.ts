import { SdkError } from './SdkError.ts';

/**
 * The request could not reach Clerk, or the connection broke before the whole response arrived.
 * `cause` is a scrubbed copy of the runtime's network error (its `name`, `message`, `code` and
 * `cause`, e.g. `cause.cause.code === 'ECONNREFUSED'`), never the original object.
 */
export class ConnectionError extends SdkError {
	override readonly name = 'ConnectionError';
	override readonly kind = 'connection';

	constructor(cause: unknown) {
		super(`Connection to Clerk failed${cause instanceof Error ? `: ${cause.message}` : ''}`, { cause });
	}
}
