// The error codes Clerk's Backend API answers the sign-in token operations with, from Clerk's
// public error catalogue (https://clerk.com/docs/guides/development/errors/backend-api and
// clerk/clerk-docs `data/api_errors.json`) and its system limits (429).

/**
 * A code in a Clerk error (`error.errors[i].code`). The known ones autocomplete; any other string
 * is still accepted, since Clerk adds codes over time.
 *
 * - `clerk_key_invalid` (401): the secret key is wrong or revoked.
 * - `authorization_header_format_invalid` (401): the `Authorization` header is not `Bearer <key>`.
 * - `authentication_invalid` (401): the request could not be authenticated.
 * - `authorization_invalid` (403): the key may not perform this request.
 * - `resource_not_found` (404): no such user (`No user was found with id <id>`), organization, or
 *   sign-in token.
 * - `form_param_missing` (422): a required field (`user_id`) is missing.
 * - `form_param_format_invalid` (422): a field has the wrong type or format.
 * - `form_param_value_invalid` (422): a field's value is not allowed.
 * - `form_param_unknown` (422): the body holds a field the endpoint does not know.
 * - `sign_in_token_cannot_be_revoked_code` (400): revoke of a token that is not pending; the long
 *   message names its status, which `ClerkAPIError.signInTokenStatus` carries.
 * - `too_many_requests` (429): the instance's rate limit (100 requests per 10 s on development
 *   instances, 1000 on production); `retryAfter` says when to come back.
 */
export type ClerkErrorCode =
	| 'clerk_key_invalid'
	| 'authorization_header_format_invalid'
	| 'authentication_invalid'
	| 'authorization_invalid'
	| 'resource_not_found'
	| 'form_param_missing'
	| 'form_param_format_invalid'
	| 'form_param_value_invalid'
	| 'form_param_unknown'
	| 'sign_in_token_cannot_be_revoked_code'
	| 'too_many_requests'
	| (string & {});
