#!/usr/bin/env node
// `npm run bench:size:features`: what each safety feature adds to scenario A (create only), in
// gzip bytes. Scenario A is bundled from source as `bench:size` bundles it from the package, once
// whole, then once per feature with the modules that implement it swapped for the least code that
// still type-checks and runs the happy path, and once with all of them swapped. The last line is
// the smallest this design can be with ky + valibot and every safety feature gone.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'esbuild';
import { userBundler } from './bundler.mjs';
import { entries, fromSource } from './scenarios.mjs';

const root = new URL('..', import.meta.url).pathname;
const lib = join(root, 'src', 'lib');
const errorStub = (name) =>
	`import { SdkError } from './SdkError.ts'; export class ${name} extends SdkError { kind = ''; constructor(..._: unknown[]) { super('x'); } }`;

const features = {
	'config and per-call option checks': {
		'options.ts': `import * as v from 'valibot'; export const RequestOptionsSchema = v.optional(v.any(), {}); export const ConfigSchema = v.optional(v.any(), {});`,
	},
	'secret-key checks, env fallback, browser guard': {
		'secretKey.ts': `export const resolveSecretKey = async (source: unknown) => source as string;`,
	},
	'POST-aware retry policy, Retry-After cap': {
		'retry.ts': `export const retryWhenUnprocessed = { limit: 2 }; export const retryTransient = retryWhenUnprocessed;
			export const resolveRetry = (policy: { limit: number }) => policy; export const toKyRetry = (policy: { limit: number }) => ({ limit: policy.limit, methods: ['post'] });
			export const retryAfterMs = (value: string | null) => Number(value);`,
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
		].map((name) => [join('errors', `${name}.ts`), errorStub(name)]),
	),
	'response body size cap': {
		'body.ts': `export const readText = (response: Response) => response.text(); export const plainHeaders = (headers: Headers) => Object.fromEntries(headers);`,
	},
	'key redaction (texts, headers, causes)': {
		'redact.ts': `export const redact = (text: string) => text; export const safeCause = (cause: unknown) => cause;`,
	},
};

const scenarioA = fromSource(entries['A create only']);
const floorEntry = entries['floor: ky + valibot object'];

async function size(stubs, contents = scenarioA) {
	const result = await build({
		stdin: {
			contents,
			resolveDir: root,
			loader: 'ts',
		},
		...userBundler,
		plugins: [
			{
				name: 'stub',
				setup(b) {
					b.onLoad({ filter: /[\\/]src[\\/]lib[\\/].*\.ts$/ }, ({ path }) => {
						const stub = stubs[path.slice(lib.length + 1)];
						return stub === undefined ? undefined : { contents: stub, loader: 'ts' };
					});
				},
			},
		],
	});
	return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

const whole = await size({});
const floor = await size({}, floorEntry);
console.log(`scenario A from source: ${whole} B gzip; ky + valibot floor: ${floor} B (A is floor + ${whole - floor})\n`);
console.log(`${'without'.padEnd(48)}${'gzip'.padStart(8)}${'saves'.padStart(8)}`);
let sum = 0;
for (const [name, stubs] of Object.entries(features)) {
	const bytes = await size(stubs);
	sum += whole - bytes;
	console.log(`${name.padEnd(48)}${String(bytes).padStart(8)}${String(whole - bytes).padStart(8)}`);
}
const bare = await size(Object.assign({}, ...Object.values(features)));
console.log(`${'all of the above'.padEnd(48)}${String(bare).padStart(8)}${String(whole - bare).padStart(8)}   (sum of the rows: ${sum})`);
console.log(
	`\nWith all of them gone, A would still be floor + ${bare - floor} B: the pipeline, the models, the error classes and the valibot functions they use.`,
);
