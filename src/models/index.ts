// The `clerk-sign-in-tokens/models` entry: the schemas and the types inferred from them.
export { SignInTokenSchema } from './signInToken.js';
export type { SignInToken, SignInTokenStatus } from './signInToken.js';
export { CreateSignInTokenRequestSchema, MAX_EXPIRES_IN_SECONDS } from './createSignInTokenRequest.js';
export type { CreateSignInTokenRequest } from './createSignInTokenRequest.js';
export { RevokeSignInTokenRequestSchema } from './revokeSignInTokenRequest.js';
export type { RevokeSignInTokenRequest } from './revokeSignInTokenRequest.js';
export { MAX_ID_LENGTH } from './ids.js';
