// The `clerk-sign-in-tokens/sdk` entry: a method-style facade for those migrating from
// `@clerk/backend` or Speakeasy's client. It is built from the standalone functions and adds no
// byte to bundles that import only `/core` and `/funcs/*`.
import { ClerkCore } from './lib/config.js';
import type { ClerkCoreConfig } from './lib/config.js';
import type { RequestOptions } from './lib/options.js';
import type { ApiResult } from './lib/result.js';
import { signInTokensCreate } from './funcs/signInTokensCreate.js';
import type { SignInTokensCreateError } from './funcs/signInTokensCreate.js';
import { signInTokensRevoke } from './funcs/signInTokensRevoke.js';
import type { SignInTokensRevokeError } from './funcs/signInTokensRevoke.js';
import type { CreateSignInTokenRequest } from './models/createSignInTokenRequest.js';
import type { RevokeSignInTokenRequest } from './models/revokeSignInTokenRequest.js';
import type { SignInToken } from './models/signInToken.js';

/** A client with `signInTokens.create` and `signInTokens.revoke`, returning the same Results. */
export interface Clerk {
	core: ClerkCore;
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
 * @throws {TypeError} When the config is malformed, as `new ClerkCore` does.
 *
 * @example
 * ```ts
 * const clerk = createClerk({ secretKey: env.CLERK_SECRET_KEY });
 * const res = await clerk.signInTokens.create({ userId: 'user_123' });
 * ```
 */
export function createClerk(config?: ClerkCoreConfig | ClerkCore): Clerk {
	const core = config instanceof ClerkCore ? config : new ClerkCore(config);
	return {
		core,
		signInTokens: {
			create: (request, options) => signInTokensCreate(core, request, options),
			revoke: (request, options) => signInTokensRevoke(core, request, options),
		},
	};
}
