// A user's project on disk, compiled as a user's compiler sees this package: its files in
// .tmp/projects/<name>, resolving `clerk-sign-in-tokens` through a node_modules link to this
// repository (dist/types, built by `npm test` before vitest runs), as an installed package would.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** The repository's root directory, with a trailing slash. */
export const root = new URL('../../', import.meta.url).pathname;

/**
 * Writes a project and type-checks its TypeScript files.
 *
 * @param name The project's directory name.
 * @param files Its files, by path within it; every `.ts`, `.mts` and `.cts` one is a root.
 * @param options Compiler options, over ES2022 with the ES2023 and DOM libs and no `@types`.
 * @returns Where it was written, and tsc's diagnostics.
 */
export function compileProject(name: string, files: Record<string, string>, options: ts.CompilerOptions) {
	const dir = join(root, '.tmp', 'projects', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'node_modules'), { recursive: true });
	symlinkSync(root, join(dir, 'node_modules', 'clerk-sign-in-tokens'), 'dir');
	for (const [file, text] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		writeFileSync(join(dir, file), text);
	}
	const program = ts.createProgram(
		Object.keys(files)
			.filter((file) => /\.[cm]?ts$/.test(file))
			.map((file) => join(dir, file)),
		{ noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'], types: [], ...options },
	);
	return { dir, diagnostics: ts.getPreEmitDiagnostics(program) };
}
