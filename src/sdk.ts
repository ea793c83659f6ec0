// The `clerk-sign-in-tokens/sdk` entry: a method-style facade for those migrating from
// `@clerk/backend` or Speakeasy's client. It is built from the standalone functions and adds no
// byte to bundles that import only `/core` and `/funcs/*`.
import { ClerkCore } from './core.ts';
import type { ClerkCoreConfig, RequestOptions } from './core.ts';
import { signInTokensCreate } from './funcs/signInTokensCreate.ts';
import type { SignInTokensCreateError } from './funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from './funcs/signInTokensRevoke.ts';
import type { SignInTokensRevokeError } from './funcs/signInTokensRevoke.ts';
import type { CreateSignInTokenRequest } from './models/createSignInTokenRequest.ts';
import type { RevokeSignInTokenRequest } from './models/revokeSignInTokenRequest.ts';
import type { SignInToken } from './models/signInToken.ts';
import type { ApiResult } from './result.ts';

/** A client with `signInTokens.create` and `signInTokens.revoke`, returning the same Results. */
export interface Clerk {
	/** The core the client calls with. */
	core: ClerkCore;
	/** The sign-in token operations, as methods. */
	signInTokens: {
		create(request: CreateSignInTokenRequest, options?: RequestOptions): Promise<ApiResult<SignInToken, SignInTokensCreateError>>;
		revoke(request: RevokeSignInTokenRequest, options?: RequestOptions): Promise<ApiResult<SignInToken, SignInTokensRevokeError>>;
	};
}

/**
 * Creates a method-style client.
 *
 * @param config A `ClerkCore` config, or an existing core to share.
 * @returns The client; `clerk.core` is the core it uses.
 * @throws {TypeError} When the config is malformed, as `new ClerkCore` does — including a core
 *   from another copy of this package, which is never mistaken for an empty config.
 *
 * @example
 * ```ts
 * const clerk = createClerk({ secretKey: process.env.CLERK_SECRET_KEY });
 * const res = await clerk.signInTokens.create({ userId: 'user_123' });
 * ```
 */
export function createClerk(config?: ClerkCoreConfig | ClerkCore): Clerk {
	const core = config instanceof ClerkCore ? config : new ClerkCore(config as ClerkCoreConfig | undefined);
	return {
		core,
		signInTokens: {
			create: (request, options) => signInTokensCreate(core, request, options),
			revoke: (request, options) => signInTokensRevoke(core, request, options),
		},
	};
}
