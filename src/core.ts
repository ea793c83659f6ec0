// The `clerk-sign-in-tokens/core` entry.
export { ClerkCore } from './lib/config.js';
export type { ClerkCoreConfig, SecretKeySource } from './lib/config.js';
export type { FetchLike, RequestOptions } from './lib/options.js';
export type { RetryOption, RetryPolicy } from './lib/retry.js';
