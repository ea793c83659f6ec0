import { SdkError } from './SdkError.ts';

/** No usable secret key, so no request was sent. The message says why and never quotes the key. */
export class SecretKeyError extends SdkError {
	override readonly name = 'SecretKeyError';
	override readonly kind = 'secret-key';

	constructor(reason: string, cause?: unknown) {
		super(`Secret key ${reason}`, cause === undefined ? undefined : { cause });
	}
}
