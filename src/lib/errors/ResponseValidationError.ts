import { SdkError } from './SdkError.ts';
import type { InputIssue } from './InvalidRequestError.ts';

/** A 2xx response whose body is not JSON, is too large, or does not match the expected model. */
export class ResponseValidationError extends SdkError {
	override readonly name = 'ResponseValidationError';
	readonly kind = 'invalid-response';
	declare readonly status: number;
	/** The raw body text, capped; empty when the body was refused for its size. */
	declare readonly body: string;
	declare readonly issues: InputIssue[];

	constructor(reason: string, status: number, body: string, issues: InputIssue[] = []) {
		super(`Invalid response with status ${status}: ${reason}`);
		Object.assign(this, { status, body, issues });
	}
}
