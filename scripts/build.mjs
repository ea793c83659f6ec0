#!/usr/bin/env node
// `npm run build` (bundles and declarations) and `node scripts/build.mjs --js` (bundles only, what
// the demo, benches and heavy checks run): each skips the work when dist/ was built from exactly
// the inputs there are now. `.ci/run` ran the build eleven times on the same sources (three full
// builds through `npm pack`'s prepack, eight `tsup` runs); the hash of every input decides instead
// of a clock, so an edit anywhere in them — a source, a config, package.json, the lockfile — builds
// again.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the build reads besides src/. */
export const INPUTS = [
	'tsup.config.ts',
	'tsconfig.json',
	'tsconfig.build.json',
	'package.json',
	'package-lock.json',
	'scripts/build-types.mjs',
	'scripts/build.mjs',
];

/**
 * The SHA-256 of every input's path and bytes, in a stable order.
 *
 * @param {string} root The project's directory.
 * @returns {string} The hash, in hex.
 */
export function inputsHash(root) {
	const files = [...INPUTS, ...readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).map((file) => join('src', file))]
		.filter((file) => existsSync(join(root, file)) && statSync(join(root, file)).isFile())
		.sort();
	const hash = createHash('sha256');
	for (const file of files) {
		const bytes = readFileSync(join(root, file));
		hash.update(`${file}\0${bytes.length}\0`).update(bytes);
	}
	return hash.digest('hex');
}

/**
 * What to run: tsup when the bundles were not built from these inputs (it cleans dist/, so the
 * declarations go too), the declarations when asked for and not built from them.
 *
 * @param {{ hash: string, stamp: { js?: string, types?: string }, js: boolean, types: boolean, jsOnly: boolean }} state
 *   The inputs' hash, the last build's stamp, whether dist/ holds bundles and declarations, and whether only bundles are wanted.
 * @returns {{ tsup: boolean, types: boolean, stamp: { js: string, types?: string } }} What to run, and the stamp after.
 */
export function plan({ hash, stamp, js, types, jsOnly }) {
	const tsup = !(js && stamp.js === hash);
	const typesFresh = !tsup && types && stamp.types === hash;
	const runTypes = !jsOnly && !typesFresh;
	return { tsup, types: runTypes, stamp: { js: hash, types: runTypes || typesFresh ? hash : undefined } };
}

/**
 * Every file under a directory, by its path there, with its size: what a build left in dist/.
 *
 * @param {string} dir The directory.
 * @returns {Record<string, number>} Sizes by path; empty when there is no such directory.
 */
export function listing(dir) {
	if (!existsSync(dir)) return {};
	const files = {};
	for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
		const stat = statSync(join(dir, file));
		if (stat.isFile()) files[file] = stat.size;
	}
	return files;
}

/**
 * Whether dist/ holds what the last build left there: every file, at its size, and nothing else.
 *
 * @param {Record<string, number>} now The listing now.
 * @param {Record<string, number> | undefined} then The listing the stamp recorded.
 * @returns {boolean} Whether they agree.
 */
export function intact(now, then) {
	if (!then) return false;
	const names = Object.keys(now);
	return names.length === Object.keys(then).length && names.every((name) => then[name] === now[name]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const root = fileURLToPath(new URL('..', import.meta.url));
	const dist = join(root, 'dist');
	// Outside dist/ (tsup cleans it, and npm would pack it) and outside git.
	const path = join(root, 'node_modules', '.cache', 'clerk-sign-in-tokens', 'build.json');
	let stamp = {};
	try {
		stamp = JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		// never built here
	}
	// A dist/ that lost, gained or changed a file since is not believed, whatever the stamp says.
	const whole = intact(listing(dist), stamp.files);
	const todo = plan({
		hash: inputsHash(root),
		stamp,
		js: whole && existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'cli.js')),
		types: whole && existsSync(join(dist, 'types', 'index.d.ts')),
		jsOnly: process.argv.includes('--js'),
	});
	if (todo.tsup) execFileSync(join(root, 'node_modules', '.bin', 'tsup'), ['--silent'], { cwd: root, stdio: 'inherit' });
	if (todo.types) execFileSync(process.execPath, [join(root, 'scripts', 'build-types.mjs')], { cwd: root, stdio: 'inherit' });
	mkdirSync(join(path, '..'), { recursive: true });
	writeFileSync(path, JSON.stringify({ ...todo.stamp, files: listing(dist) }));
}
