// Every opt-in feature costs a bundle that does not import it 0 bytes: scenario A (create only:
// `/core` and `/funcs/signInTokensCreate`), bundled from source as bench/size.mjs bundles it, reads
// no module of a logger, extra body fields, a budget, a transport or a retry policy — nor of the
// other opt-in entries — and each of them, imported, is read.
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { userBundler } from '../../bench/bundler.mjs';
import { OPT_IN, entries, fromSource } from '../../bench/scenarios.mjs';

const root = new URL('../..', import.meta.url).pathname;
const inputs = async (entry: string) =>
	Object.keys((await build({ ...userBundler, stdin: { contents: fromSource(entry), resolveDir: root, loader: 'ts' }, metafile: true })).metafile.inputs);

describe('opt-in features', () => {
	test('scenario A reads none of their modules', async () => {
		const read = await inputs(entries['A create only'] ?? '');

		expect(read.filter((input) => OPT_IN.some((path) => input.startsWith(path)))).toEqual([]);
		// The bundle is what it claims to be: it does read the core and the pipeline.
		expect(read).toEqual(expect.arrayContaining(['src/core.ts', 'src/pipeline/send.ts', 'src/funcs/signInTokensCreate.ts']));
	});

	test.each([
		['events', `import { events } from 'clerk-sign-in-tokens/events'; export default (f) => events(f);`, 'src/events.ts'],
		['extra', `import { extra } from 'clerk-sign-in-tokens/extra'; export default (f) => extra(f);`, 'src/extra.ts'],
		['transport', `import { transport } from 'clerk-sign-in-tokens/transport'; export default (f) => transport({ fetch: f });`, 'src/transport.ts'],
		['policy', `import { policy } from 'clerk-sign-in-tokens/retry'; export default () => policy({ limit: 1 });`, 'src/retry.ts'],
		['budget', `import { budget } from 'clerk-sign-in-tokens/budget'; export default (e) => budget(e);`, 'src/budget/index.ts'],
	])('a bundle that imports %s reads its module', async (_, entry, module) => {
		expect(await inputs(entry)).toContain(module);
	});
});
