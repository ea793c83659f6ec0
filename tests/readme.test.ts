import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const table = readme.slice(readme.indexOf('<!-- runtimes:start -->'), readme.indexOf('<!-- runtimes:end -->'));

describe('README', () => {
	test('names the runtime versions the matrix pins in tests/runtimes/package.json', () => {
		const pins = (JSON.parse(read('tests/runtimes/package.json')) as { devDependencies: Record<string, string> }).devDependencies;
		expect(table).toContain(`workerd ${pins.workerd}`);
		expect(table).toContain(`edge-runtime ${pins['edge-runtime']}`);
		expect(table).toContain(`deno ${pins.deno}`);
		expect(table).toContain(`bun ${pins.bun}`);
		expect(table).toContain(`node ${pins.node22?.replace('npm:node@', '')}`);
	});

	test('names the Node 24 the project itself installs', () => {
		const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string }> };
		expect(table).toContain(`node ${lock.packages['node_modules/node']?.version}`);
	});

	test('shows the set-up and test commands CI runs', () => {
		const ci = read('.ci/run');
		expect(ci).toContain('npm install');
		expect(ci).toContain('npm test');
		expect(readme).toContain('npm install');
		expect(readme).toContain('npm test');
		expect(readme).toContain('npm start');
	});
});
