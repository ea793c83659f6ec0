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
 * @param modules More packages the project has installed, by name: a folder each (another major of a
 *   peer, say). They are seen through symlinks kept as paths, so this package's declarations
 *   resolve their imports from the project, as a user's install would.
 * @returns Where it was written, and tsc's diagnostics.
 */
export function compileProject(name: string, files: Record<string, string>, options: ts.CompilerOptions, modules: Record<string, string> = {}) {
	const dir = join(root, '.tmp', 'projects', name);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(join(dir, 'node_modules'), { recursive: true });
	const installed = join(dir, 'node_modules', 'clerk-sign-in-tokens');
	if (Object.keys(modules).length === 0) symlinkSync(root, installed, 'dir');
	else {
		// Installed as its files alone: without this repository's own node_modules beside them, its
		// declarations find their peers in the project.
		mkdirSync(installed);
		for (const file of ['package.json', 'dist']) symlinkSync(join(root, file), join(installed, file));
		for (const [module, folder] of Object.entries(modules)) symlinkSync(folder, join(dir, 'node_modules', module), 'dir');
		options = { preserveSymlinks: true, ...options };
	}
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
