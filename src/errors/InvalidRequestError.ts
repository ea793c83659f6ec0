import { SdkError } from './SdkError.ts';

/** One reason the input was refused: the dotted path of the field (`options.timeoutMs`, `userId`) and why. */
export interface InputIssue {
	path: string;
	message: string;
}

/** The input failed validation, so no request was sent. */
export class InvalidRequestError extends SdkError {
	override readonly name = 'InvalidRequestError';
	readonly kind = 'invalid-request';
	declare readonly issues: InputIssue[];

	constructor(issues: InputIssue[]) {
		super(`Invalid request: ${issues.map(({ path, message }) => `${path} ${message}`).join('; ')}`);
		Object.assign(this, { issues });
	}
}
