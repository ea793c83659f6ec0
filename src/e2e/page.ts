// What runs inside the page: Clerk's own frontend (`window.Clerk`, clerk-js) signs in with a ticket
// and sets the active session. Each function is sent to the page by its source (Playwright's
// `page.evaluate`, Cypress's window), so it uses nothing from outside itself. The ticket itself
// never enters the page: it is handed a stand-in, which the request to Clerk carries out of the page
// and the test runner swaps for the ticket on its way (see signIn.ts).

/** What the page says of its Clerk: not loaded yet, or loaded, with who is signed in. */
export type PageClerk = { loaded: false } | { loaded: true; frontendApi: string; userId: string | null; sessionId: string | null };

/** What a sign-in in the page came to. */
export type PageSignIn =
	| { ok: true; sessionId: string; userId: string; organizationId: string | null }
	| { ok: false; step: 'sign-in' | 'set-active' | 'check'; code: string | undefined; message: string; status: string | undefined };

/**
 * Reads the page's Clerk: whether it has loaded, its Frontend API, and who is signed in.
 *
 * @param scope The page's window (Cypress hands it over; in the page itself, `globalThis`).
 * @returns The state; never throws.
 */
export function readClerk(scope?: unknown): PageClerk {
	const clerk = (
		(scope ?? globalThis) as { Clerk?: { loaded?: boolean; frontendApi?: string; user?: { id?: string } | null; session?: { id?: string } | null } }
	).Clerk;
	if (!clerk?.loaded) return { loaded: false };
	return { loaded: true, frontendApi: String(clerk.frontendApi ?? ''), userId: clerk.user?.id ?? null, sessionId: clerk.session?.id ?? null };
}

/**
 * Signs in with a ticket (the stand-in the page is given), then makes the new session active, with
 * the organization, in one `setActive` call, and checks that both took.
 *
 * @param args The ticket's stand-in and the organization to activate.
 * @param args.ticket The stand-in.
 * @param args.organization The organization, or `null`.
 * @param scope The page's window (Cypress hands it over; in the page itself, `globalThis`).
 * @returns The outcome; never throws.
 */
export async function redeem({ ticket, organization }: { ticket: string; organization: string | null }, scope?: unknown): Promise<PageSignIn> {
	type ClerkError = { errors?: { code?: string; longMessage?: string; message?: string }[]; message?: string };
	// What of clerk-js this uses: it is the page's, typed by nothing here, so nothing is taken on trust.
	type ClerkJs = {
		client: { signIn: { create: (params: { strategy: 'ticket'; ticket: string }) => Promise<{ status?: string; createdSessionId?: string | null }> } };
		setActive: (params: { session: string; organization?: string }) => Promise<unknown>;
		session?: { id?: string; status?: string } | null;
		organization?: { id?: string } | null;
		user?: { id?: string } | null;
	};
	const clerk = ((scope ?? globalThis) as { Clerk: ClerkJs }).Clerk;
	// Only what Clerk said: its first error's code and message (never the request, which holds the stand-in).
	const said = (step: 'sign-in' | 'set-active' | 'check', error: unknown, status?: string): PageSignIn => {
		const first = (error as ClerkError | undefined)?.errors?.[0];
		const message = first?.longMessage ?? first?.message ?? (error instanceof Error ? error.message : String(error ?? ''));
		return { ok: false, step, code: first?.code, message: String(message).slice(0, 500), status };
	};
	let signIn: { status?: string; createdSessionId?: string | null };
	try {
		signIn = await clerk.client.signIn.create({ strategy: 'ticket', ticket });
	} catch (error) {
		return said('sign-in', error);
	}
	if (signIn.status !== 'complete' || !signIn.createdSessionId) return said('sign-in', undefined, signIn.status);
	try {
		await clerk.setActive(organization === null ? { session: signIn.createdSessionId } : { session: signIn.createdSessionId, organization });
	} catch (error) {
		return said('set-active', error);
	}
	const session = clerk.session;
	const active = clerk.organization?.id ?? null;
	if (session?.id !== signIn.createdSessionId || session.status !== 'active') return said('check', undefined, session?.status);
	if (organization !== null && active !== organization) return said('set-active', undefined, 'organization');
	return { ok: true, sessionId: session.id, userId: String(clerk.user?.id), organizationId: active };
}
