#!/usr/bin/env node
// `npm run bench:size [-- --check]`: bundle sizes as a user's bundler sees them, against what a user
// installs. The package is packed and installed into a fresh project with `npm install`, so ky and
// valibot are the versions its declared ranges resolve to today — not the lockfile's (issue #25: a
// budget measured on the lockfile's ky missed ky 2.2's +2 kB). Each scenario is an entry that imports
// from that install and calls what it imports, bundled by esbuild (ESM, minified, platform neutral,
// the conditions Workers use); the floors (ky, valibot) come from the same install, in the same run.
// With --check, the budgets below decide the exit code.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { userBundler } from './bundler.mjs';
import { OPT_IN, P, entries, fromSource } from './scenarios.mjs';

const root = new URL('..', import.meta.url).pathname;
// Outside the repository: inside it, `clerk-sign-in-tokens` would resolve to the repository itself
// (a package's self-reference wins over node_modules), not to the installed copy.
const work = mkdtempSync(join(tmpdir(), 'clerk-sign-in-tokens-size-'));
const check = process.argv.includes('--check');

// 1. Pack the package as npm would publish it, and install it as a user would: a fresh project,
//    no lockfile, the registry's versions of its dependencies.
const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1);
writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'size-app', private: true, type: 'module', dependencies: { [P]: `file:./${tgz}` } }));
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--silent'], { cwd: work, stdio: 'inherit' });
const version = (dir, name) => JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
const installed = { ky: version(work, 'ky'), valibot: version(work, 'valibot') };
const locked = { ky: version(root, 'ky'), valibot: version(root, 'valibot') };

const sizes = {};
let metaA;
for (const [name, source] of Object.entries(entries)) {
	const file = join(work, `${name.replace(/\W+/g, '-')}.mjs`);
	writeFileSync(file, source);
	const result = await build({
		...userBundler,
		entryPoints: [file],
		// The install first; the repository's node_modules only for the peer compared against.
		nodePaths: [join(work, 'node_modules'), join(root, 'node_modules')],
		metafile: true,
	});
	const code = result.outputFiles[0].contents;
	sizes[name] = {
		min: code.length,
		gzip: gzipSync(code, { level: 9 }).length,
		brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
	};
	if (name.startsWith('A ')) metaA = result.metafile;
}

for (const dep of ['ky', 'valibot']) {
	const note = installed[dep] === locked[dep] ? '(the lockfile has the same)' : `(the lockfile has ${locked[dep]}: a fresh install differs)`;
	console.log(`${dep} as a fresh install resolves it: ${installed[dep]} ${note}`);
}
const kyAlone = sizes['floor: ky'];
const peer = sizes['peer: @clerk/backend'];
const pad = (v, n) => String(v).padStart(n);
console.log(`\n${'bundle'.padEnd(28)}${pad('min', 9)}${pad('gzip', 9)}${pad('brotli', 9)}   gzip over ky alone   gzip vs @clerk/backend`);
for (const [name, s] of Object.entries(sizes)) {
	const over = s.gzip - kyAlone.gzip;
	console.log(
		`${name.padEnd(28)}${pad(s.min, 9)}${pad(s.gzip, 9)}${pad(s.brotli, 9)}   ${pad((over >= 0 ? '+' : '') + over, 8)} B     ${pad((s.gzip / peer.gzip).toFixed(2), 6)}×`,
	);
}

// Which inputs make up scenario A. The packed package's chunks have hashed names, so A is also
// bundled from src/ with the same settings, to name this package's bytes by source module.
const byInput = (meta) => Object.entries(Object.values(meta.outputs)[0].inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
const owner = (input) => /node_modules\/(ky|valibot)\//.exec(input)?.[1] ?? (input.includes(`node_modules/${P}/`) ? P : 'entry');
const totals = {};
for (const [input, { bytesInOutput }] of byInput(metaA)) totals[owner(input)] = (totals[owner(input)] ?? 0) + bytesInOutput;
console.log('\nWhat makes up scenario A (minified bytes, esbuild metafile):');
for (const [who, bytes] of Object.entries(totals).sort((a, b) => b[1] - a[1])) console.log(`${pad(bytes, 8)}  ${who}`);
const sourceA = await build({
	...userBundler,
	stdin: { contents: fromSource(entries['A create only']), resolveDir: root, loader: 'ts' },
	nodePaths: [join(work, 'node_modules')],
	metafile: true,
});
console.log(`\n${P}'s share of A by source module (A bundled from src/):`);
for (const [input, { bytesInOutput }] of byInput(sourceA.metafile).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)) {
	if (input.startsWith('src/')) console.log(`${pad(bytesInOutput, 8)}  ${input}`);
}

// Opt-in features cost a user who does not import them nothing: no module of theirs is even read
// into A (tests/package/optIn.test.ts holds the same from source, in npm test).
const leaked = Object.keys(sourceA.metafile.inputs).filter((input) => OPT_IN.some((path) => input.startsWith(path)));

// Budgets (issue #25). Bytes are deterministic for a given resolution, so these are exact checks,
// not timings. "Over ky alone" is A less the ky-alone floor, both as resolved: a ky release shows
// as ky's, our growth as ours.
const A = sizes['A create only'];
const budgets = [
	[`A gzip ≤ 18700 (ky ${installed.ky}, as a fresh install resolves it)`, A.gzip, 18_700],
	['ours over ky alone: A − ky-alone gzip ≤ 7700', A.gzip - kyAlone.gzip, 7_700],
	// B and C no worse than before issue #25 (8c0e35e, packed, against ky 2.2: 19,979 and 20,301).
	['B gzip ≤ 19979', sizes['B revoke only'].gzip, 19_979],
	['C gzip ≤ 20301', sizes['C both'].gzip, 20_301],
	// Revoke's id checks (a token, a user id or a path where a sign-in token id belongs) are its own.
	['C − A gzip ≤ 450', sizes['C both'].gzip - A.gzip, 450],
	['|D − A| gzip ≤ 50 (root shakes like subpaths)', Math.abs(sizes['D A from the root'].gzip - A.gzip), 50],
	['F − C gzip ≤ 150 (the facade is a thin layer)', sizes['F facade (/sdk)'].gzip - sizes['C both'].gzip, 150],
	[`opt-in modules in A: 0${leaked.length ? ` (found ${leaked.join(', ')})` : ''}`, leaked.length, 0],
];
// The docs state these figures; CI holds them to them, so they never tell a stale size.
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const page = (path) => readFileSync(join(root, path), 'utf8').replace(/\s+/g, ' ');
const times = `${(peer.gzip / A.gzip).toFixed(1)}× smaller`;
const claims = [
	['docs/size-and-speed.md', `is **${kB(A.gzip)} gzip**`],
	['docs/size-and-speed.md', `**${kB(peer.gzip)} gzip** for \`@clerk/backend\``],
	['docs/size-and-speed.md', `**${times}**`],
	['docs/size-and-speed.md', `ky alone is ${kB(kyAlone.gzip)} of it (ky ${installed.ky})`],
	['docs/size-and-speed.md', `Adding revoke costs ${kB(sizes['C both'].gzip - A.gzip)}`],
	['README.md', `${times} than \`@clerk/backend\``],
	['BENCHMARKS.md', `| A create only (\`/core\` + \`/funcs/signInTokensCreate\`) | ${A.min.toLocaleString('en')} | ${A.gzip.toLocaleString('en')} |`],
	['BENCHMARKS.md', `ky ${installed.ky}`],
];
const stale = claims.filter(([path, claim]) => !page(path).includes(claim.replace(/\s+/g, ' '))).map(([path, claim]) => `${path}: ${claim}`);
budgets.push([`the docs state today's sizes${stale.length ? ` (missing: ${stale.join(' | ')})` : ''}`, stale.length, 0]);
console.log('\nBudgets:');
let failed = false;
for (const [label, value, limit] of budgets) {
	const ok = value <= limit;
	failed ||= !ok;
	console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${label}: ${value} (limit ${limit})`);
}
const summary = { installed, locked, sizes, budgets: budgets.map(([label, value, limit]) => ({ label, value, limit })) };
mkdirSync(join(root, '.bench', 'size'), { recursive: true });
writeFileSync(join(root, '.bench', 'size', 'sizes.json'), JSON.stringify(summary, null, 2));
rmSync(work, { recursive: true, force: true });
if (check && failed) process.exitCode = 1;
