// The `clerk-sign-in-tokens/cypress/tasks` entry: the Node half of the Cypress command, registered in
// `setupNodeEvents`. Cypress runs specs in the browser, so the ticket is minted here, through
// `cy.task`, under the core's budget and the Frontend API's; the ledger of the tokens minted lives
// here too, and `clerk-sign-in-tokens:end` (after each test) revokes those not seen redeemed.
import { revokeUnredeemed, settingsOf, slotThenMint } from '../e2e/signIn.ts';
import type { Ledger, SignInOptions } from '../e2e/signIn.ts';
import { CreateSignInTokenRequestSchema } from '../models/createSignInTokenRequest.ts';
import { validate } from '../lib/validate.ts';
import { TASKS } from '../e2e/errors.ts';
import type { MintAnswer } from '../e2e/errors.ts';

/** How Cypress's `setupNodeEvents` registers tasks: its `on`. */
export type RegisterTasks = (event: 'task', tasks: Record<string, (arg: unknown) => unknown>) => void;

/**
 * Registers the tasks the `signInAs` command runs in Node: `clerk-sign-in-tokens:mint` and
 * `clerk-sign-in-tokens:end`.
 *
 * @param on `setupNodeEvents`'s `on`.
 * @param options The core (or its config), the Frontend API's budget, the tickets' lifetime and the
 *   deadline, as for the Playwright fixture.
 * @throws {TypeError} When an option is malformed.
 *
 * @example
 * ```ts
 * // cypress.config.ts
 * export default defineConfig({ e2e: { setupNodeEvents: (on) => clerkTasks(on) } });
 * ```
 */
export function clerkTasks(on: RegisterTasks, options: SignInOptions = {}): void {
	if (typeof on !== 'function') throw new TypeError("clerkTasks: on must be setupNodeEvents's on");
	const settings = settingsOf(options, 'clerkTasks');
	const ledger: Ledger = { minted: new Map() };
	on('task', {
		[TASKS.mint]: async (arg): Promise<MintAnswer> => {
			const { userId, orgId, frontendApi } = (arg ?? {}) as { userId?: unknown; orgId?: unknown; frontendApi?: unknown };
			const checked = validate(CreateSignInTokenRequestSchema, { userId, ...(orgId == null ? {} : { orgId }) }, 'request', false);
			if ('issues' in checked)
				return { ok: false, kind: 'invalid-request', message: checked.issues.map(({ path, message }) => `${path} ${message}`).join('; '), signInTokenId: null };
			const minted = await slotThenMint(
				settings,
				ledger,
				{ userId: userId as string, orgId: orgId as string | null | undefined },
				String(frontendApi ?? ''),
				settings.timeoutMs,
			);
			if (!minted.ok) return { ok: false, kind: minted.error.kind, message: minted.error.message, signInTokenId: minted.error.signInTokenId ?? null };
			return { ok: true, id: minted.value.id, ticket: minted.value.ticket };
		},
		[TASKS.end]: async (arg): Promise<string[]> => {
			for (const id of ((arg as { redeemed?: unknown } | null)?.redeemed as string[] | undefined) ?? []) if (ledger.minted.has(id)) ledger.minted.set(id, true);
			return revokeUnredeemed(settings.core, ledger);
		},
	});
}
