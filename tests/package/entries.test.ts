// Every public entry is listed once, in tsup.config.ts, and everything that names entries agrees
// with it: package.json's exports, jsr.json's exports and the package root.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { describe, expect, test } from 'vitest';
import { ENTRIES, NPM_ONLY } from '../../tsup.config.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const pkg = read('package.json') as { exports: Record<string, unknown>; types: string };
const jsr = read('jsr.json') as { exports: Record<string, string>; publish: { exclude: string[] } };
const subpath = (entry: string) => (entry === 'index' ? '.' : `./${entry}`);
const types = (source: string) => `./dist/types/${source.replace(/^src\//, '').replace(/\.ts$/, '.d.ts')}`;

// Entries whose names the root re-exports; the others are opt-in by design: the test kit (and its
// msw adapter, an optional peer), the method-style facade, the OpenTelemetry adapter and the budget
// adapters.
const OUTSIDE_ROOT = [
	'index',
	'testing',
	'testing/msw',
	'sdk',
	'otel',
	'budget/redis',
	'budget/durable-object',
	'budget/file',
	'playwright',
	'cypress',
	'cypress/tasks',
];

describe('entries', () => {
	test("package.json's exports are exactly the tsup entries, ESM with their declarations", () => {
		const expected = Object.fromEntries(
			Object.entries(ENTRIES).map(([entry, source]) => [subpath(entry), { types: types(source), default: `./dist/${entry}.js` }]),
		);
		expect(pkg.exports).toEqual({ ...expected, './package.json': './package.json' });
		expect(pkg.types).toBe(types(ENTRIES.index as string));
	});

	test("jsr.json's exports are the same entries, as their sources, but the npm-only ones", () => {
		expect(NPM_ONLY.every((entry) => entry in ENTRIES)).toBe(true);
		expect(jsr.exports).toEqual(
			Object.fromEntries(
				Object.entries(ENTRIES)
					.filter(([entry]) => !NPM_ONLY.includes(entry))
					.map(([entry, source]) => [subpath(entry), `./${source}`]),
			),
		);
		expect(jsr.publish.exclude).toContain('src/cypress');
	});

	test('the root exports every name of every library entry, as the same value', async () => {
		const root = (await import('../../src/index.ts')) as Record<string, unknown>;
		for (const [entry, source] of Object.entries(ENTRIES)) {
			if (OUTSIDE_ROOT.includes(entry)) continue;
			const names = (await import(/* @vite-ignore */ `../../${source}`)) as Record<string, unknown>;
			for (const [name, value] of Object.entries(names)) expect(root[name], `${name} of ${entry}`).toBe(value);
		}
	});

	test('every source file is reachable from an entry or is the CLI', async () => {
		const { readdirSync } = await import('node:fs');
		const all = readdirSync(new URL('../../src', import.meta.url), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
		const reached = new Set<string>();
		const visit = (file: string) => {
			if (reached.has(file)) return;
			reached.add(file);
			const text = readFileSync(new URL(`../../src/${file}`, import.meta.url), 'utf8');
			for (const [, spec] of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g))
				visit(new URL(spec as string, `file:///src/${file}`).pathname.slice('/src/'.length));
		};
		for (const source of [...Object.values(ENTRIES), 'src/cli/bin.ts']) visit(source.replace(/^src\//, ''));
		expect(all.filter((f) => !reached.has(f))).toEqual([]);
	});
});

// Built by `npm test` before vitest runs. Deno and Workers' nodejs_compat resolve a builtin only by
// its `node:` name, so the built files must keep it (tsup strips it unless told not to).
describe('the built files', () => {
	test('import every Node builtin by its node: name', () => {
		const dist = new URL('../../dist/', import.meta.url);
		const files = readdirSync(dist).filter((name) => name.endsWith('.js'));
		expect(files.length).toBeGreaterThan(10);
		const bare = files.flatMap((name) =>
			[...readFileSync(new URL(name, dist), 'utf8').matchAll(/\bfrom\s*['"]([^'"./][^'"]*)['"]|\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g)]
				.map((match) => match[1] ?? match[2])
				.filter((specifier) => specifier !== undefined && builtinModules.includes(specifier))
				.map((specifier) => `${name}: ${specifier}`),
		);
		expect(bare).toEqual([]);
	});
});
