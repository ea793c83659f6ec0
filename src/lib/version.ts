// Written by scripts/sync.mjs from package.json, the one source of the version; a test
// fails if the two differ.
/** This package's version, sent in `User-Agent`. */
export const VERSION = '0.1.0';
