import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { VERSION } from '../../src/lib/version.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as { version: string };

test('package.json is the one source of the version; version.ts and jsr.json are written from it', () => {
	const { version } = read('package.json');
	expect(VERSION).toBe(version);
	expect(read('jsr.json').version).toBe(version);
});
