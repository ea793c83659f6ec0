// Compile-time ties between a type written for readers and the schema that checks it: a field
// added to one side alone makes `tsc` fail where the two are tied.

/** `true` when `A` and `B` are the same type, else `false`. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only for `true`. */
export type Assert<T extends true> = T;
