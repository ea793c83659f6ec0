import { SdkError } from './SdkError.ts';
import type { InputIssue } from './InvalidRequestError.ts';

/** A 2xx response whose body is not JSON, is too large, or does not match the expected model. */
export class ResponseValidationError extends SdkError {
	override readonly name = 'ResponseValidationError';
	readonly kind = 'invalid-response';
	readonly status: number;
	/** The raw body text, capped; empty when the body was refused for its size. */
	readonly body: string;
	readonly issues: InputIssue[];

	constructor(reason: string, status: number, body: string, issues: InputIssue[] = []) {
		super(`Invalid response with status ${status}: ${reason}`);
		this.status = status;
		this.body = body;
		this.issues = issues;
	}
}
