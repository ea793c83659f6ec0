#!/usr/bin/env node
// `npm run api` writes one API report per public entry into etc/api/ (committed), so a change to
// the public surface is a visible diff; `npm run api:check` (in npm test) fails when the built
// declarations no longer match the committed reports, or when an export lacks documentation.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { ENTRIES } from '../tsup.config.ts';

const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');
mkdirSync(join(root, 'etc', 'api'), { recursive: true });
// An `override` (an error's `name` and `kind`) is documented where it is declared first, on the
// base class: it needs no copy of that text. Declarations drop the `override` keyword, so it is
// looked up in the member's source file.
function isDocumentedOverride(message) {
	const member = message.messageId === 'ae-undocumented' && /^Missing documentation for "(\w+)"/.exec(message.text)?.[1];
	if (!member || !message.sourceFilePath) return false;
	const source = message.sourceFilePath.replace(/^(.*\/)?dist\/types\//, 'src/').replace(/\.d\.ts$/, '.ts');
	return new RegExp(`^\\s*override\\s+(?:readonly\\s+)?${member}\\b`, 'm').test(readFileSync(join(root, source), 'utf8'));
}

const declarations = (source) => join(root, 'dist', 'types', source.replace(/^src\//, '').replace(/\.ts$/, '.d.ts'));
let failed = false;
// One TypeScript program for every entry (api-extractor's CompilerState), not one each: the
// entries share nearly all their declarations, and 25 programs took most of the 15 s.
let compilerState;
for (const [entry, source] of Object.entries(ENTRIES)) {
	const name = entry.replaceAll('/', '-');
	const config = ExtractorConfig.prepare({
		configObject: {
			projectFolder: root,
			mainEntryPointFilePath: declarations(source),
			compiler: { tsconfigFilePath: join(root, 'tsconfig.json') },
			apiReport: { enabled: true, reportFileName: `${name}.api.md`, reportFolder: join(root, 'etc', 'api'), reportTempFolder: join(root, '.api') },
			docModel: { enabled: false },
			dtsRollup: { enabled: false },
			tsdocMetadata: { enabled: false },
			messages: {
				extractorMessageReporting: {
					default: { logLevel: 'warning' },
					// Every public name is documented.
					'ae-undocumented': { logLevel: 'error', addToApiReportFile: false },
					// Types reached through a public one but exported elsewhere (core's ClerkCore
					// from a function's entry) are fine: each entry is a view of one package.
					'ae-forgotten-export': { logLevel: 'none' },
					'ae-missing-release-tag': { logLevel: 'none' },
				},
				tsdocMessageReporting: { default: { logLevel: 'none' } },
			},
		},
		configObjectFullPath: join(root, 'package.json'),
		packageJsonFullPath: join(root, 'package.json'),
	});
	compilerState ??= CompilerState.create(config, { additionalEntryPoints: Object.values(ENTRIES).map(declarations) });
	const result = Extractor.invoke(config, {
		compilerState,
		localBuild: !check,
		showVerboseMessages: false,
		// "Analysis will use the bundled TypeScript version …" is not news on every entry.
		messageCallback: (message) => {
			if (message.messageId === 'console-preamble' || isDocumentedOverride(message)) message.logLevel = 'none';
		},
	});
	if (!result.succeeded) {
		failed = true;
		console.error(
			`api: ${entry}: ${result.errorCount} errors, ${result.warningCount} warnings${result.apiReportChanged ? ' (the API changed: run npm run api and commit etc/api/)' : ''}`,
		);
	}
}
console.log(failed ? 'api: FAILED' : `api: ${Object.keys(ENTRIES).length} entry reports ${check ? 'match' : 'written'}`);
process.exitCode = failed ? 1 : 0;
