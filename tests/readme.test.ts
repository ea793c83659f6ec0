// README.md and the docs/ pages are the product's promise: every TypeScript snippet in them compiles
// against the built package as a user's project would see it (through the exports map, strict),
// every page is reachable from the README, every relative link lands, and the facts they state about
// the repository (scripts, runtimes, engines) are the repository's.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { compileProject, root } from './helpers/project.ts';

const PAGES = ['README.md', ...readdirSync(join(root, 'docs'), { encoding: 'utf8' }).map((file) => `docs/${file}`)].filter((file) => file.endsWith('.md'));
const text = Object.fromEntries(PAGES.map((page) => [page, readFileSync(join(root, page), 'utf8')]));
const readme = text['README.md'] as string;
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

// A snippet marked `<!-- msw 2 -->` is written for msw's previous major, and compiled against it.
const snippets = PAGES.flatMap((page) =>
	[...(text[page] as string).matchAll(/^(<!-- msw 2 -->\n)?```ts\n([\s\S]*?)^```$/gm)].map((match) => ({
		page,
		msw2: match[1] !== undefined,
		code: match[2] as string,
		line: (text[page] as string).slice(0, match.index).split('\n').length + (match[1] ? 2 : 1),
	})),
);

function compile(name: string, group: typeof snippets, modules: Record<string, string> = {}) {
	// Each snippet is its own module, as each would be its own file.
	const files = Object.fromEntries(group.map(({ code }, i) => [`snippet-${i}.ts`, `${code}\nexport {};\n`]));
	const { dir, diagnostics } = compileProject(
		name,
		{ 'package.json': '{"type":"module"}', 'globals.ts': GLOBALS, ...files },
		{
			strict: true,
			module: ts.ModuleKind.NodeNext,
			moduleResolution: ts.ModuleResolutionKind.NodeNext,
			types: ['node'],
			typeRoots: [join(root, 'node_modules', '@types')],
			skipLibCheck: true,
		},
		modules,
	);
	const names = group.map((_, i) => join(dir, `snippet-${i}.ts`));
	return diagnostics.map((d) => {
		const index = names.indexOf(d.file?.fileName ?? '');
		const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
		const where = index >= 0 ? `${group[index]?.page}:${(group[index]?.line ?? 0) + at}` : (d.file?.fileName ?? 'config');
		return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
	});
}

describe('README.md and docs/', () => {
	test('have TypeScript snippets to check, msw 2 among them', () => {
		expect(snippets.length).toBeGreaterThanOrEqual(12);
		expect(snippets.filter((s) => s.msw2)).toHaveLength(1);
	});

	test('every TypeScript snippet compiles against the package, strict', () => {
		expect(
			compile(
				'docs',
				snippets.filter((s) => !s.msw2),
			),
		).toEqual([]);
	}, 120_000);

	test('the msw 2 snippet compiles against msw 2, and would not against msw 3', () => {
		const msw2 = { msw: join(root, 'node_modules', 'msw2') };
		const group = snippets.filter((s) => s.msw2);

		expect(compile('docs-msw2', group, msw2)).toEqual([]);
		expect(compile('docs-msw2-on-3', group).join('\n')).toContain('onUnhandledRequest');
	}, 120_000);

	test('every page is linked from the README, and every relative link lands on a file', () => {
		const links = PAGES.flatMap((page) =>
			[...(text[page] as string).matchAll(/\]\(((?!https?:|#|mailto:)[^)#\s]+)/g)].map((m) => ({ page, target: join(dirname(page), m[1] as string) })),
		);
		expect(links.filter(({ target }) => !existsSync(join(root, target)))).toEqual([]);
		const fromReadme = new Set(links.filter(({ page }) => page === 'README.md').map(({ target }) => target));
		expect(PAGES.filter((page) => page.startsWith('docs/') && !fromReadme.has(page))).toEqual([]);
	});

	test('the README is the front door: its first screen tries it without an account, then installs it', () => {
		const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
		expect(sections.slice(0, 3)).toEqual(['Try it in one minute, no Clerk account', 'Install', 'Quick start']);
		expect(readme).toContain('npx clerk-sign-in-tokens fake');
		expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(12_000);
	});

	test('every `npm run` they mention is a script', () => {
		const named = PAGES.flatMap((page) => [...(text[page] as string).matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string));
		expect(named.length).toBeGreaterThan(3);
		expect(named.filter((name) => !(name in pkg.scripts))).toEqual([]);
	});

	test('states the engines package.json declares', () => {
		expect(pkg.engines.node).toBe('>=22.12');
		expect(readme).toContain('Node ≥ 22.12');
	});

	test('the runtime table names the versions the matrix installs', () => {
		const page = text['docs/runtimes.md'] as string;
		const deps = runtimes.devDependencies;
		for (const [name, label] of [
			['workerd', 'workerd'],
			['edge-runtime', 'edge-runtime'],
			['deno', 'deno'],
			['bun', 'bun'],
			['@cloudflare/vitest-plugin', '`@cloudflare/vitest-plugin`'],
		] as const) {
			expect(page).toContain(`${label} ${deps[name]}`);
		}
		expect(page).toContain(`node ${deps.node22?.replace('npm:node@', '')}, the oldest supported`);
	});
});
