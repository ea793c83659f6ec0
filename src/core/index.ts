// The `clerk-sign-in-tokens/core` entry: `ClerkCore` and every public shape of its configuration,
// its calls' options and its events.
export { ClerkCore } from './ClerkCore.ts';
export type {
	AfterResponseHook,
	BeforeRequestHook,
	BeforeRetryHook,
	ClerkBudget,
	ClerkBudgetEvent,
	ClerkCoreConfig,
	ClerkEvent,
	ClerkEventBase,
	ClerkOutcomeEvent,
	ClerkRequestEvent,
	ClerkResponseEvent,
	ClerkRetryEvent,
	FetchLike,
	Hooks,
	Logger,
	RequestOptions,
	SecretKeySource,
} from './types.ts';
export type { RetryOption, RetryPolicy } from './retry.ts';
