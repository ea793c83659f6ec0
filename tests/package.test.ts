import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { VERSION } from '../src/lib/version.ts';

test('sends the version of package.json in User-Agent', () => {
	const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
	expect(VERSION).toBe(pkg.version);
});
