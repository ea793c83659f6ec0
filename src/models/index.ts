// The `clerk-sign-in-tokens/models` entry: the schemas and the types inferred from them.
export { SignInTokenSchema } from './signInToken.ts';
export type { SignInToken, SignInTokenStatus } from './signInToken.ts';
export { CreateSignInTokenRequestSchema, MAX_EXPIRES_IN_SECONDS } from './createSignInTokenRequest.ts';
export type { CreateSignInTokenRequest } from './createSignInTokenRequest.ts';
export { RevokeSignInTokenRequestSchema } from './revokeSignInTokenRequest.ts';
export type { RevokeSignInTokenRequest } from './revokeSignInTokenRequest.ts';
export { MAX_ID_LENGTH } from './ids.ts';
