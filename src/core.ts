// The `clerk-sign-in-tokens/core` entry.
export { ClerkCore } from './lib/config.ts';
export type { ClerkCoreConfig, SecretKeySource } from './lib/config.ts';
export type { FetchLike, RequestOptions } from './lib/options.ts';
export type { RetryOption, RetryPolicy } from './lib/retry.ts';
