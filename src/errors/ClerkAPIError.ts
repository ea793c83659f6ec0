import type { SignInTokenStatus } from '../models/signInToken.ts';
import type { ClerkErrorCode } from './codes.ts';
import { SdkError } from './SdkError.ts';

/** One entry of Clerk's `errors` array (spec: `components.schemas.ClerkError`), camelCased. */
export interface ClerkErrorDetail {
	/** Clerk's error code, stable across messages (see `ClerkErrorCode`). */
	code: ClerkErrorCode;
	/** Clerk's short message. */
	message: string;
	/** Clerk's full explanation, when it gives one. */
	longMessage: string | undefined;
	/** Details such as `param_name`, as Clerk sends them. */
	meta: Record<string, unknown> | undefined;
}

/**
 * Clerk answered with a non-2xx status. `errors` holds Clerk's parsed error list when the body has
 * Clerk's `{ errors, meta, clerk_trace_id }` shape, and is empty otherwise (a proxy's HTML page).
 */
export class ClerkAPIError extends SdkError {
	override readonly name = 'ClerkAPIError';
	override readonly kind = 'api';
	/** The HTTP status. */
	declare readonly status: number;
	/** Clerk's errors, parsed; empty when the body is not Clerk's shape (a proxy's page). */
	declare readonly errors: ClerkErrorDetail[];
	/** Quote it to Clerk support: the body's `clerk_trace_id`, else `x-clerk-trace-id`, else `cf-ray`. */
	declare readonly clerkTraceId: string | undefined;
	/** Seconds the server asked us to wait (`Retry-After` or a rate-limit reset header), when it said. */
	declare readonly retryAfter: number | undefined;
	/** The raw body text, at most `maxResponseBytes` of it. */
	declare readonly body: string;
	/** Response headers, lower-cased names. */
	declare readonly headers: Record<string, string>;
	/**
	 * For `sign_in_token_cannot_be_revoked_code` (revoke of a token no longer pending): the token's
	 * status as Clerk stated it, e.g. `"revoked"` or `"accepted"`.
	 */
	declare readonly signInTokenStatus?: SignInTokenStatus | undefined;

	constructor(init: ClerkAPIErrorInit) {
		const first = init.errors[0];
		super(`Request failed with status ${init.status}${first ? `: ${first.longMessage || first.message}` : ''}`);
		// `declare`d fields emit no initializer, so these are the only writes.
		Object.assign(this, init);
	}
}

/** What a `ClerkAPIError` is built from: its own fields, so the two cannot drift apart. */
export type ClerkAPIErrorInit = Pick<ClerkAPIError, 'status' | 'errors' | 'clerkTraceId' | 'retryAfter' | 'body' | 'headers' | 'signInTokenStatus'>;
