import { listIssues } from '../lib/validate.ts';
import { SdkError } from './SdkError.ts';

/** One reason the input was refused: the dotted path of the field (`options.timeoutMs`, `userId`) and why. */
export interface InputIssue {
	/** The dotted path of the field (`userId`, `options.timeoutMs`), or the argument as a whole. */
	path: string;
	/** Why it was refused; it never quotes the value. */
	message: string;
}

/** The input failed validation, so no request was sent. */
export class InvalidRequestError extends SdkError {
	override readonly name = 'InvalidRequestError';
	override readonly kind = 'invalid-request';
	/** Every reason the input was refused. */
	declare readonly issues: InputIssue[];

	constructor(issues: InputIssue[]) {
		super(`Invalid request: ${listIssues(issues)}`);
		Object.assign(this, { issues });
	}
}
