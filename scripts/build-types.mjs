#!/usr/bin/env node
// Declarations: `tsc -p tsconfig.build.json` writes one .d.ts per source module into dist/types, so
// types keep their names in hovers and each class is declared once. tsc keeps the sources' `.ts`
// import extensions in declarations; they are rewritten to `.js`, which every resolver maps to the
// `.d.ts` beside it.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const dir = join(root, 'dist', 'types');
for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'))) {
	const path = join(dir, file);
	const text = readFileSync(path, 'utf8');
	const rewritten = text.replace(/((?:from|import)\s*(?:\(\s*)?'\.{1,2}\/[^']*)\.ts'/g, "$1.js'");
	if (rewritten !== text) writeFileSync(path, rewritten);
}
