// The `clerk-sign-in-tokens/models` entry: the models' types and their limits. The valibot schemas
// that check them stay internal, so valibot's types are not part of this package's API.
export type { SignInToken, SignInTokenStatus } from './signInToken.ts';
export type { CreateSignInTokenRequest } from './createSignInTokenRequest.ts';
export { MAX_EXPIRES_IN_SECONDS } from './createSignInTokenRequest.ts';
export type { RevokeSignInTokenRequest } from './revokeSignInTokenRequest.ts';
export { MAX_ID_LENGTH } from './ids.ts';
