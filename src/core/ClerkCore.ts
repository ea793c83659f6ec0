// `ClerkCore`, and the one place its resolved config is kept: outside the object, so no reference to
// a core exposes it (secret key included) to `util.inspect`, `JSON.stringify` or a debugger's view.
// Written only by the constructor; read by the pipeline and the batch through `configOf`.
import { validate } from '../lib/validate.ts';
import { ConfigSchema } from './schema.ts';
import type { ResolvedConfig } from './schema.ts';
import type { ClerkCoreConfig } from './types.ts';

const configs = new WeakMap<object, ResolvedConfig>();

/**
 * The resolved config of a core made by this copy of the package.
 *
 * @param core Anything a caller passed as a core.
 * @returns Its config, or `undefined` for anything else (another copy's core, a plain object).
 * @internal
 */
export function configOf(core: unknown): ResolvedConfig | undefined {
	return typeof core === 'object' && core !== null ? configs.get(core) : undefined;
}

/**
 * Holds the configuration shared by the operation functions. It validates once and stores; it
 * does no I/O and starts no timer, so creating one costs nothing until a call is made.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ secretKey: process.env.CLERK_SECRET_KEY });
 * ```
 */
export class ClerkCore {
	// Nominal: any other object, however shaped, is not a core to the type checker either.
	declare private readonly brand: never;

	/**
	 * @param config The settings; omitted fields take their defaults.
	 * @throws {TypeError} When a setting is malformed or unknown (`apiUrl` — did you mean `serverURL`?).
	 */
	constructor(config?: ClerkCoreConfig) {
		// A class instance is not a config: a core from another copy of this package would
		// otherwise read as an empty config, and silently fall back to the defaults.
		const proto: unknown = typeof config === 'object' && config !== null && Object.getPrototypeOf(config);
		const parsed =
			proto === false || proto === null || Object.getPrototypeOf(proto) === null
				? validate(ConfigSchema, config ?? {}, 'config')
				: { issues: [{ path: 'config', message: 'must be a plain object, not a class instance (a core of another copy of this package?)' }] };
		if ('issues' in parsed) throw new TypeError(`Invalid ClerkCore config: ${parsed.issues.map(({ path, message }) => `${path} ${message}`).join('; ')}`);
		configs.set(this, parsed.value as ResolvedConfig);
	}
}
