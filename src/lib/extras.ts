// What a batch caller (`signInTokensCreateMany`) adds to each call, passed inside the call's
// options under a symbol no user can name, so the public functions keep their public signature.
// Symbol keys are invisible to the options' strict check (it enumerates string keys).

/** The key of a call's extras in its options. */
export const EXTRAS: unique symbol = Symbol('clerk-sign-in-tokens.extras');

/** A gate awaited before every retry, and a listener of the call's events. */
export interface Extras {
	gate?: ((signal: AbortSignal) => Promise<void>) | undefined;
	observe?: ((event: { type: string; status?: number; retryAfterMs?: number | undefined }) => void) | undefined;
}
