// The link of a token the CLI minted, or — when none can be built from it — its revocation.
import type { ClerkCore } from '../core.ts';
import { ResponseValidationError } from '../errors/ResponseValidationError.ts';
import { signInTokensRevoke } from '../funcs/signInTokensRevoke.ts';
import type { SignInToken } from '../models/signInToken.ts';
import type { Result } from '../result.ts';
import { err } from '../result.ts';
import { signInUrl } from '../signInUrl.ts';
import type { SignInUrlOptions } from '../signInUrl.ts';
import type { Io } from './output.ts';

/**
 * The link of a minted token; a token whose link cannot be built (Clerk sent no usable ticket or
 * URL) is revoked at once, so no live ticket is left that nobody can use or see.
 *
 * @param core The core that minted it.
 * @param token The token.
 * @param link Your sign-in page and redirect, if any.
 * @param io The second Ctrl-C cuts the revoke short.
 * @returns The link, or an `invalid-response` error that says whether the revoke worked.
 */
export async function linkOrRevoke(
	core: ClerkCore,
	token: SignInToken,
	link: SignInUrlOptions | undefined,
	io: Io,
): Promise<Result<string, ResponseValidationError>> {
	const built = signInUrl(token, link);
	if (built.ok) return built;
	const revoked = await signInTokensRevoke(core, { signInTokenId: token.id }, { signal: io.hardSignal });
	const after = revoked.ok ? 'it was revoked' : `revoking it failed (${revoked.error.kind}): run clerk-sign-in-tokens revoke ${token.id}`;
	const issue = built.error.issues[0];
	const reason = `token ${token.id} has no usable link (${issue?.path} ${issue?.message}); ${after}`;
	return err(new ResponseValidationError(reason, 200, '', built.error.issues));
}
