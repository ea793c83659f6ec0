#!/usr/bin/env node
// Writes what is derived from package.json and tsup.config.ts, so each fact has one source: the
// version (into src/lib/version.ts and jsr.json) and the entries (into package.json's and
// jsr.json's exports). Run by `npm run sync` and by changesets' `version-packages` script; tests
// fail if it was not.
import { readFileSync, writeFileSync } from 'node:fs';
import { ENTRIES, NPM_ONLY } from '../tsup.config.ts';

const root = new URL('..', import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const write = (path, data) => writeFileSync(new URL(path, root), `${JSON.stringify(data, null, 2)}\n`);
const subpath = (entry) => (entry === 'index' ? '.' : `./${entry}`);
const types = (source) => `./dist/types/${source.replace(/^src\//, '').replace(/\.ts$/, '.d.ts')}`;

const pkg = read('package.json');
pkg.exports = {
	...Object.fromEntries(Object.entries(ENTRIES).map(([entry, source]) => [subpath(entry), { types: types(source), default: `./dist/${entry}.js` }])),
	'./package.json': './package.json',
};
pkg.types = types(ENTRIES.index);
write('package.json', pkg);

const versionTs = readFileSync(new URL('src/lib/version.ts', root), 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${pkg.version}'`);
writeFileSync(new URL('src/lib/version.ts', root), versionTs);

const jsr = read('jsr.json');
jsr.version = pkg.version;
jsr.exports = Object.fromEntries(
	Object.entries(ENTRIES)
		.filter(([entry]) => !NPM_ONLY.includes(entry))
		.map(([entry, source]) => [subpath(entry), `./${source}`]),
);
write('jsr.json', jsr);
console.log(`synced version ${pkg.version} and ${Object.keys(ENTRIES).length} entries`);
