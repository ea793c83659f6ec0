import { SdkError } from './SdkError.ts';

/** One reason the input was refused: the dotted path of the field (`""` for the whole input) and why. */
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
		const list = issues.map(({ path, message }) => (path ? `${path} ${message}` : message));
		super(`Invalid request: ${list.join('; ')}`);
		Object.assign(this, { issues });
	}
}
