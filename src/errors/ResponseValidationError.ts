import type { InputIssue } from './InvalidRequestError.ts';
import { SdkError } from './SdkError.ts';

/** A 2xx response whose body is too large, not UTF-8, not JSON, or not the expected model. */
export class ResponseValidationError extends SdkError {
	override readonly name = 'ResponseValidationError';
	override readonly kind = 'invalid-response';
	/** The HTTP status (2xx). */
	declare readonly status: number;
	/** The raw body text; empty when the body was refused for its size or encoding. */
	declare readonly body: string;
	/** Which fields did not match, when the body was JSON. */
	declare readonly issues: InputIssue[];

	constructor(reason: string, status: number, body: string, issues: InputIssue[] = []) {
		super(`Invalid response with status ${status}: ${reason}`);
		Object.assign(this, { status, body, issues });
	}
}
