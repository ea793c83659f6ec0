// The environment's CLERK_SECRET_KEY, read the one way every runtime allows: through globalThis, so
// runtimes without `process` or `Deno` never see a ReferenceError.

/**
 * Reads `CLERK_SECRET_KEY` from `process.env` (Node, Bun) or `Deno.env`.
 *
 * @returns Its value, or `undefined` when it is not set.
 * @throws What the runtime throws for an environment it will not read (Deno without --allow-env).
 */
export function envKey(): unknown {
	const g = globalThis as { process?: { env?: Record<string, unknown> }; Deno?: { env?: { get(name: string): unknown } } };
	return g.process?.env?.CLERK_SECRET_KEY ?? g.Deno?.env?.get('CLERK_SECRET_KEY');
}
