import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script, without declarations
import { inputsHash, intact, listing, plan } from '../../scripts/build.mjs';

type Plan = { tsup: boolean; types: boolean; stamp: { js: string; types?: string } };
const decide = plan as (state: { hash: string; stamp: { js?: string; types?: string }; js: boolean; types: boolean; jsOnly: boolean }) => Plan;
const hashOf = inputsHash as (root: string) => string;
const list = listing as (dir: string) => Record<string, number>;
const agree = intact as (now: Record<string, number>, then: Record<string, number> | undefined) => boolean;

describe('plan', () => {
	test('builds everything the first time, and stamps both halves', () => {
		expect(decide({ hash: 'h', stamp: {}, js: false, types: false, jsOnly: false })).toEqual({ tsup: true, types: true, stamp: { js: 'h', types: 'h' } });
	});
	test('skips both when dist/ was built from these inputs', () => {
		expect(decide({ hash: 'h', stamp: { js: 'h', types: 'h' }, js: true, types: true, jsOnly: false })).toEqual({
			tsup: false,
			types: false,
			stamp: { js: 'h', types: 'h' },
		});
		expect(decide({ hash: 'h', stamp: { js: 'h', types: 'h' }, js: true, types: true, jsOnly: true })).toEqual({
			tsup: false,
			types: false,
			stamp: { js: 'h', types: 'h' },
		});
	});
	test('an input changed: builds again, and a bundles-only build forgets the declarations tsup cleaned', () => {
		expect(decide({ hash: 'h2', stamp: { js: 'h', types: 'h' }, js: true, types: true, jsOnly: false })).toEqual({
			tsup: true,
			types: true,
			stamp: { js: 'h2', types: 'h2' },
		});
		expect(decide({ hash: 'h2', stamp: { js: 'h', types: 'h' }, js: true, types: true, jsOnly: true })).toEqual({
			tsup: true,
			types: false,
			stamp: { js: 'h2', types: undefined },
		});
	});
	test('declarations only, after a bundles-only build of the same inputs', () => {
		expect(decide({ hash: 'h', stamp: { js: 'h' }, js: true, types: false, jsOnly: false })).toEqual({
			tsup: false,
			types: true,
			stamp: { js: 'h', types: 'h' },
		});
	});
	test('a stamp is not believed over a dist/ that is gone', () => {
		expect(decide({ hash: 'h', stamp: { js: 'h', types: 'h' }, js: false, types: false, jsOnly: true })).toEqual({
			tsup: true,
			types: false,
			stamp: { js: 'h', types: undefined },
		});
		expect(decide({ hash: 'h', stamp: { js: 'h', types: 'h' }, js: true, types: false, jsOnly: false })).toEqual({
			tsup: false,
			types: true,
			stamp: { js: 'h', types: 'h' },
		});
	});
});

describe('inputsHash', () => {
	let root: string;
	afterEach(() => rmSync(root, { recursive: true, force: true }));
	test('moves with any source byte, a new or renamed source, and a config; not with what is outside the inputs', () => {
		root = mkdtempSync(join(tmpdir(), 'build-'));
		mkdirSync(join(root, 'src', 'lib'), { recursive: true });
		writeFileSync(join(root, 'src', 'index.ts'), 'export const a = 1;\n');
		writeFileSync(join(root, 'src', 'lib', 'b.ts'), 'export const b = 2;\n');
		writeFileSync(join(root, 'package.json'), '{}');
		const seen = new Set([hashOf(root)]);
		expect(hashOf(root)).toBe([...seen][0]);
		writeFileSync(join(root, 'README.md'), 'not an input');
		mkdirSync(join(root, 'dist'));
		writeFileSync(join(root, 'dist', 'index.js'), 'output');
		expect(seen.has(hashOf(root))).toBe(true);
		const edits: (() => void)[] = [
			() => writeFileSync(join(root, 'src', 'lib', 'b.ts'), 'export const b = 3;\n'),
			() => writeFileSync(join(root, 'src', 'lib', 'c.ts'), ''),
			() => {
				rmSync(join(root, 'src', 'lib', 'c.ts'));
				writeFileSync(join(root, 'src', 'lib', 'd.ts'), '');
			},
			() => writeFileSync(join(root, 'package.json'), '{ }'),
			() => writeFileSync(join(root, 'tsup.config.ts'), ''),
		];
		for (const edit of edits) {
			edit();
			const hash = hashOf(root);
			expect(seen.has(hash)).toBe(false);
			seen.add(hash);
		}
	});
});

describe('listing and intact', () => {
	let dist: string;
	afterEach(() => rmSync(dist, { recursive: true, force: true }));
	test('a dist/ that lost, gained or changed a file since the build is not believed', () => {
		dist = mkdtempSync(join(tmpdir(), 'dist-'));
		mkdirSync(join(dist, 'types'));
		writeFileSync(join(dist, 'index.js'), 'abc');
		writeFileSync(join(dist, 'types', 'index.d.ts'), 'de');
		const built = list(dist);
		expect(built).toEqual({ 'index.js': 3, [join('types', 'index.d.ts')]: 2 });
		expect(agree(list(dist), built)).toBe(true);
		expect(agree(list(dist), undefined)).toBe(false);
		writeFileSync(join(dist, 'index.js'), 'abcd');
		expect(agree(list(dist), built)).toBe(false);
		writeFileSync(join(dist, 'index.js'), 'abc');
		writeFileSync(join(dist, 'extra.js'), '');
		expect(agree(list(dist), built)).toBe(false);
		rmSync(join(dist, 'extra.js'));
		rmSync(join(dist, 'types', 'index.d.ts'));
		expect(agree(list(dist), built)).toBe(false);
		expect(list(join(dist, 'missing'))).toEqual({});
	});
});
