// README.md is the product's promise: every TypeScript snippet in it compiles against the built
// package as a user's project would see it (through the exports map, strict), and the facts it
// states about the repository (scripts, runtimes, engines) are the repository's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { compileProject, root } from './helpers/project.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const runtimes = JSON.parse(readFileSync(join(root, 'tests/runtimes/package.json'), 'utf8')) as { devDependencies: Record<string, string> };

// Names the snippets use without declaring them, as a reader's own code would have them.
const GLOBALS = `import type { ClerkCore } from 'clerk-sign-in-tokens/core';
declare global {
	var clerk: ClerkCore;
	var userId: string;
	var userIds: string[];
	function sendEmail(to: string, text: string): Promise<void>;
	function myProxyFetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
	var page: { goto(url: string): Promise<unknown> };
}
`;

const snippets = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
	code: match[1] as string,
	line: readme.slice(0, match.index).split('\n').length + 1,
}));

describe('README.md', () => {
	test('has TypeScript snippets to check', () => {
		expect(snippets.length).toBeGreaterThanOrEqual(12);
	});

	test('every TypeScript snippet compiles against the package, strict', () => {
		// Each snippet is its own module, as each would be its own file.
		const files = Object.fromEntries(snippets.map(({ code }, i) => [`snippet-${i}.ts`, `${code}\nexport {};\n`]));
		const { dir, diagnostics } = compileProject(
			'readme',
			{ 'package.json': '{"type":"module"}', 'globals.ts': GLOBALS, ...files },
			{
				strict: true,
				module: ts.ModuleKind.NodeNext,
				moduleResolution: ts.ModuleResolutionKind.NodeNext,
				types: ['node'],
				typeRoots: [join(root, 'node_modules', '@types')],
				skipLibCheck: true,
			},
		);
		const names = snippets.map((_, i) => join(dir, `snippet-${i}.ts`));
		const errors = diagnostics.map((d) => {
			const index = names.indexOf(d.file?.fileName ?? '');
			const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
			const where = index >= 0 ? `README.md:${(snippets[index]?.line ?? 0) + at}` : (d.file?.fileName ?? 'config');
			return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
		});
		expect(errors).toEqual([]);
	}, 120_000);

	test('every `npm run` it mentions is a script', () => {
		const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
		expect(named.length).toBeGreaterThan(3);
		expect(named.filter((name) => !(name in pkg.scripts))).toEqual([]);
	});

	test('states the engines package.json declares', () => {
		expect(pkg.engines.node).toBe('>=22.12');
		expect(readme).toContain('Node ≥ 22.12');
	});

	test('its runtime table names the versions the matrix installs', () => {
		const deps = runtimes.devDependencies;
		for (const [name, label] of [
			['workerd', 'workerd'],
			['edge-runtime', 'edge-runtime'],
			['deno', 'deno'],
			['bun', 'bun'],
			['@cloudflare/vitest-plugin', '`@cloudflare/vitest-plugin`'],
		] as const) {
			expect(readme).toContain(`${label} ${deps[name]}`);
		}
		expect(readme).toContain(`node ${deps.node22?.replace('npm:node@', '')}, the oldest supported`);
	});
});
