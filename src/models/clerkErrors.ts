import * as v from 'valibot';

/**
 * Clerk's error body (spec: `components.schemas.ClerkErrors`), read leniently: a missing
 * `long_message` or `meta` still yields the error, since any detail beats none.
 */
export const ClerkErrorsSchema = v.object({
	errors: v.array(
		v.pipe(
			v.object({
				code: v.string(),
				message: v.string(),
				long_message: v.optional(v.string()),
				meta: v.optional(v.any()),
			}),
			v.transform(({ code, message, long_message, meta }) => ({
				code,
				message,
				longMessage: long_message,
				meta: meta as Record<string, unknown> | undefined,
			})),
		),
	),
	clerk_trace_id: v.optional(v.string()),
});
