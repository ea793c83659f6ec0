// The package's declarations as users' compilers see them (dist/types, built by `npm test` before
// vitest runs), through the package's own exports map: in a Next.js-style `strict: false` project,
// in a Node ESM project and in a Node CommonJS one that `require`s the ESM-only package.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { ENTRIES } from '../../tsup.config.ts';
import { compileProject, root } from '../helpers/project.ts';

const compile = (name: string, files: Record<string, string>, options: ts.CompilerOptions): string[] =>
	compileProject(name, files, options).diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));

const usage = (from: string) => `
import { ClerkCore } from '${from}/core';
import { signInTokensCreate } from '${from}/funcs/signInTokensCreate';
export async function link(userId: string): Promise<string> {
	const res = await signInTokensCreate(new ClerkCore(), { userId });
	if (!res.ok) {
		const kind: string = res.error.kind;
		return kind;
	}
	return res.value.url ?? '';
}
`;

describe('declarations, as users compile them', () => {
	test('narrow `if (!res.ok) res.error` under strict: false (what Next.js generates)', () => {
		const errors = compile(
			'loose',
			{ 'index.ts': usage('clerk-sign-in-tokens'), 'package.json': '{"type":"module"}' },
			{ strict: false, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
		);
		expect(errors).toEqual([]);
	});

	test('resolve from Node ESM (module nodenext), strict', () => {
		const errors = compile(
			'esm',
			{ 'index.mts': usage('clerk-sign-in-tokens'), 'package.json': '{"type":"module"}' },
			{ strict: true, exactOptionalPropertyTypes: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
		);
		expect(errors).toEqual([]);
	});

	test('resolve from Node CommonJS, which requires the ESM-only package (module nodenext)', () => {
		const cjs = `import clerk = require('clerk-sign-in-tokens/core');
import create = require('clerk-sign-in-tokens/funcs/signInTokensCreate');
export const call = () => create.signInTokensCreate(new clerk.ClerkCore(), { userId: 'u' });
`;
		const errors = compile(
			'cjs',
			{ 'index.cts': cjs, 'package.json': '{"type":"commonjs"}' },
			{ strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
		);
		expect(errors).toEqual([]);
	});

	test("no entry's declarations reach ky's or valibot's types", () => {
		const reached = new Set<string>();
		const external = new Set<string>();
		const visit = (file: string) => {
			if (reached.has(file)) return;
			reached.add(file);
			// Comments (a JSDoc example) name modules too; only real imports count.
			const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
			for (const [, spec] of text.matchAll(/(?:from|import)\s*(?:\(\s*)?'([^']+)'/g)) {
				if (spec?.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.d.ts')));
				else if (spec) external.add(spec);
			}
		};
		for (const source of Object.values(ENTRIES)) visit(join(root, 'dist', 'types', source.replace(/^src\//, '').replace(/\.ts$/, '.d.ts')));
		// The optional peers, each only from its own entry: msw (testing/msw), OpenTelemetry (otel) and
		// Playwright (playwright).
		expect([...external].sort()).toEqual(['@opentelemetry/api', '@playwright/test', 'msw']);
	});

	test('declarations live in named files, one per module: no hashed chunks', () => {
		const files = readdirSync(join(root, 'dist', 'types'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'));
		expect(files.filter((f) => /-\w{8}\.d\.ts$/.test(f))).toEqual([]);
		expect(files).toContain('models/signInToken.d.ts');
	});
});
