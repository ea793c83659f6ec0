#!/usr/bin/env node
// Writes what is derived from package.json and tsup.config.ts, so each fact has one source:
// the version (into src/lib/version.ts and jsr.json) and the entries (into jsr.json's exports).
// Run by `npm run sync` and by changesets' `version-packages` script; tests fail if it was not.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const tsup = readFileSync(new URL('tsup.config.ts', root), 'utf8');
const entries = Object.fromEntries(
	[...tsup.slice(tsup.indexOf('ENTRIES'), tsup.indexOf('};', tsup.indexOf('ENTRIES'))).matchAll(/'?([\w/]+)'?: '(src\/[\w/]+\.ts)'/g)].map(
		([, name, source]) => [name === 'index' ? '.' : `./${name}`, `./${source}`],
	),
);

const versionTs = readFileSync(new URL('src/lib/version.ts', root), 'utf8').replace(/VERSION = '[^']*'/, `VERSION = '${version}'`);
writeFileSync(new URL('src/lib/version.ts', root), versionTs);

const jsr = JSON.parse(readFileSync(new URL('jsr.json', root), 'utf8'));
jsr.version = version;
jsr.exports = entries;
writeFileSync(new URL('jsr.json', root), `${JSON.stringify(jsr, null, 2)}\n`);
console.log(`synced version ${version} and ${Object.keys(entries).length} entries`);
