#!/usr/bin/env node
// `npm run bench:size:features`: what each feature adds to scenario A (create only), in gzip bytes.
// Scenario A is bundled from source as `bench:size` bundles it from the package, once whole, then
// once per feature with the modules that implement it swapped for the least code that still
// type-checks and runs the happy path, and once with all of them swapped. A stub whose module no
// longer exists fails the run: a moved file must move its stub too, or the table would lie.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { userBundler } from './bundler.mjs';
import { entries, fromSource } from './scenarios.mjs';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const errorStub = (name) =>
	`import { SdkError } from './SdkError.ts'; export class ${name} extends SdkError { kind = '' as never; constructor(..._: unknown[]) { super('x'); } }`;

// Each feature: the modules (paths below src/) that implement it, and their stubs.
export const FEATURES = {
	'config and call-option checks, unknown keys, did-you-mean': {
		'lib/validate.ts': `export const validate = (_s: unknown, value: unknown) => ({ value: value ?? {} }) as never; export const dotPath = () => ''; export const listIssues = () => '';`,
		'lib/unknownKey.ts': `export const unknownKey = () => '';`,
	},
	'secret-key checks, env fallback, browser guard': {
		'pipeline/key.ts': `export const resolveKey = (source: unknown) => source as string;`,
	},
	'POST-aware retry policy, Retry-After read as ky 2.2 reads it': {
		'pipeline/retry.ts': `const p = { limit: 2, statusCodes: [429], networkErrors: 'none', maxRetryAfter: 0, backoffLimit: 0, jitter: false } as const; export const RETRY_UNPROCESSED = p; export const RETRY_TRANSIENT = p; export const toKyRetry = (policy: { limit: number }) => ({ limit: policy.limit, methods: ['post'] });`,
		'lib/retryAfter.ts': `export const retryAfterMs = (_: Headers) => undefined as number | undefined;`,
	},
	'typed error details (fields, messages)': Object.fromEntries(
		[
			'ClerkAPIError',
			'InvalidRequestError',
			'ResponseValidationError',
			'ConnectionError',
			'TimeoutError',
			'AbortedError',
			'UnexpectedError',
			'SecretKeyError',
		].map((name) => [`errors/${name}.ts`, errorStub(name)]),
	),
	'body caps (2xx and error bodies)': {
		'pipeline/body.ts': `export const readBody = (response: Response) => response.text(); export const readCapped = async (body: ReadableStream | null) => new Uint8Array(await new Response(body).arrayBuffer());`,
	},
	'key scrubbing (texts, headers, causes rebuilt)': {
		'lib/scrub.ts': `export const scrubber = () => (t: string) => t; export const withhold = (t: string) => t; export const summarize = (v: unknown) => v; export const plainHeaders = (h: Headers) => Object.fromEntries(h);`,
	},
};

const scenarioA = fromSource(entries['A create only']);

async function size(stubs, contents = scenarioA) {
	for (const path of Object.keys(stubs))
		if (!existsSync(join(src, path))) throw new Error(`bench:size:features: the stubbed module src/${path} no longer exists; move its stub with it`);
	const result = await build({
		stdin: { contents, resolveDir: root, loader: 'ts' },
		...userBundler,
		plugins: [
			{
				name: 'stub',
				setup(b) {
					b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, ({ path }) => {
						const stub = stubs[path.slice(src.length + 1)];
						return stub === undefined ? undefined : { contents: stub, loader: 'ts' };
					});
				},
			},
		],
	});
	return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const whole = await size({});
	const floor = await size({}, entries['floor: ky + valibot object']);
	console.log(`scenario A from source: ${whole} B gzip; ky + valibot floor: ${floor} B (A is floor + ${whole - floor})\n`);
	console.log(`${'without'.padEnd(60)}${'gzip'.padStart(8)}${'saves'.padStart(8)}`);
	let sum = 0;
	for (const [name, stubs] of Object.entries(FEATURES)) {
		const bytes = await size(stubs);
		sum += whole - bytes;
		console.log(`${name.padEnd(60)}${String(bytes).padStart(8)}${String(whole - bytes).padStart(8)}`);
	}
	const bare = await size(Object.assign({}, ...Object.values(FEATURES)));
	console.log(`${'all of the above'.padEnd(60)}${String(bare).padStart(8)}${String(whole - bare).padStart(8)}   (sum of the rows: ${sum})`);
	console.log(
		`\nWith all of them gone, A would still be floor + ${bare - floor} B: the pipeline, the models, the error classes and the valibot functions they use.`,
	);
}
