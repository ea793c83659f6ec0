// Types of bundler.mjs, for the tests that bundle as the size bench does.
import type { BuildOptions } from 'esbuild';
export declare const userBundler: BuildOptions & { write: false };
