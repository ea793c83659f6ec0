import { SdkError } from './SdkError.ts';

/** No usable secret key, so no request was sent. The message says why and never quotes the key. */
export class SecretKeyError extends SdkError {
	/** The class's name, also across realms and after serialization. */
	override readonly name = 'SecretKeyError';
	/** Discriminates the error union: `switch (error.kind)`. */
	readonly kind = 'secret-key';

	constructor(reason: string, cause?: unknown) {
		super(`Secret key ${reason}`, cause === undefined ? undefined : { cause });
	}
}
