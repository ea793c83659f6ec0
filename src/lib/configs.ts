// Each core's resolved config, held outside the object so no reference to a core exposes it (secret
// key included) to `util.inspect`, `JSON.stringify` or a debugger's object view. Written only by
// the `ClerkCore` constructor, read only by the pipeline.
/** Each core's resolved config, by core. */
export const configs: WeakMap<object, unknown> = new WeakMap();
