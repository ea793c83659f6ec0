import { SdkError } from './SdkError.ts';

/** One entry of Clerk's `errors` array (spec: `components.schemas.ClerkError`), camelCased. */
export interface ClerkErrorDetail {
	code: string;
	message: string;
	longMessage: string | undefined;
	meta: Record<string, unknown> | undefined;
}

/** What a `ClerkAPIError` is built from. */
export interface ClerkAPIErrorInit {
	status: number;
	errors: ClerkErrorDetail[];
	clerkTraceId: string | undefined;
	retryAfter: number | undefined;
	body: string;
	headers: Record<string, string>;
}

/**
 * Clerk answered with a non-2xx status. `errors` holds Clerk's parsed error list when the body has
 * Clerk's `{ errors, meta, clerk_trace_id }` shape, and is empty otherwise (a proxy's HTML page, say).
 */
export class ClerkAPIError extends SdkError {
	override readonly name = 'ClerkAPIError';
	readonly kind = 'api';
	declare readonly status: number;
	declare readonly errors: ClerkErrorDetail[];
	/** The body's `clerk_trace_id`, else the `cf-ray` header: quote it to Clerk support. */
	declare readonly clerkTraceId: string | undefined;
	/** Seconds the server asked us to wait (`Retry-After`), when it said. */
	declare readonly retryAfter: number | undefined;
	/** The raw body text, capped. */
	declare readonly body: string;
	declare readonly headers: Record<string, string>;

	constructor(init: ClerkAPIErrorInit) {
		const first = init.errors[0];
		const detail = first ? `: ${first.longMessage || first.message}` : '';
		super(`Request failed with status ${init.status}${detail}`);
		// `declare`d fields emit no initializer, so these are the only writes.
		Object.assign(this, init);
	}
}
