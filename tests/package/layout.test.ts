// The folders show the architecture: no import runs upward, lib/ holds leaves, no cycles.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const src = new URL('../../src/', import.meta.url);
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const imports = new Map(
	files.map((file) => {
		const text = readFileSync(new URL(file, src), 'utf8');
		const targets = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map(([, spec]) => new URL(spec as string, `file:///${file}`).pathname.slice(1));
		return [file, targets];
	}),
);

// Bottom to top. A file may import only from its own layer or below. The pipeline sits below the
// core: `ClerkCore` is the public handle of a config the pipeline checks and keeps.
const LAYERS: [string, RegExp][] = [
	['lib (internal leaves)', /^lib\//],
	['result', /^result\.ts$/],
	['models', /^models\//],
	['errors', /^errors\//],
	['pipeline (internal)', /^pipeline\//],
	['core', /^core\.ts$/],
	['operations (internal)', /^operations\//],
	['batch (internal)', /^batch\//],
	['funcs', /^funcs\//],
	[
		'helpers, opt-in options and entries above the functions',
		/^(decodeTicket|signInUrl|sdk|otel|events|transport|retry|extra|playwright|index)\.ts$|^(testing|budget|e2e|cypress)\//,
	],
	['cli', /^cli\//],
];
const layer = (file: string) => LAYERS.findIndex(([, pattern]) => pattern.test(file));

describe('layout', () => {
	test('ClerkCore is defined in src/core.ts, the file its subpath names, and no src/core/ folder is left', () => {
		expect(readFileSync(new URL('core.ts', src), 'utf8')).toMatch(/^export class ClerkCore \{/m);
		expect(files.filter((file) => file.startsWith('core/'))).toEqual([]);
	});

	test('every source file belongs to a layer', () => {
		expect(files.filter((file) => layer(file) === -1)).toEqual([]);
	});

	test('no import runs upward', () => {
		const upward = [...imports].flatMap(([file, targets]) => targets.filter((t) => layer(t) > layer(file)).map((t) => `${file} → ${t}`));
		expect(upward).toEqual([]);
	});

	test('lib/ imports nothing of this package outside lib/', () => {
		const out = [...imports]
			.filter(([file]) => file.startsWith('lib/'))
			.flatMap(([file, targets]) => targets.filter((t) => !t.startsWith('lib/')).map((t) => `${file} → ${t}`));
		expect(out).toEqual([]);
	});

	test('there are no import cycles', () => {
		const cycles: string[] = [];
		const state = new Map<string, 'visiting' | 'done'>();
		const visit = (file: string, path: string[]) => {
			if (state.get(file) === 'done') return;
			if (state.get(file) === 'visiting') return void cycles.push([...path, file].join(' → '));
			state.set(file, 'visiting');
			for (const target of imports.get(file) ?? []) visit(target, [...path, file]);
			state.set(file, 'done');
		};
		for (const file of files) visit(file, []);
		expect(cycles).toEqual([]);
	});

	// The fake (testing/) and the CLI answer and name Clerk's routes; the budget's Durable Object
	// speaks its own small protocol; the end-to-end helpers (playwright.ts, cypress/) catch the
	// Frontend API's sign-in request on its way out of the page.
	test('an operation is described in operations/: method and path are not hard-coded elsewhere', () => {
		const outside = files
			.filter((f) => !/^(?:operations|testing|cli|budget|cypress)\/|^playwright\.ts$/.test(f))
			.filter((f) => /'POST'|'post'|sign_in_tokens/.test(readFileSync(new URL(f, src), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
		expect(outside).toEqual([]);
	});
});
