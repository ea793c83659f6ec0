// Types of scenarios.mjs, for the tests that bundle as the size bench does.
export declare const P: string;
export declare const OPT_IN: readonly string[];
export declare const entries: Record<string, string>;
export declare function fromSource(entry: string): string;
