// The one linter: typescript-eslint's strict rules, JSDoc on every export, regexes that cannot
// backtrack super-linearly (several run on server headers and caller input), and no Node globals
// in the library, which runs on Workers, edge runtimes, Deno and Bun too. Formatting is Biome's.
import jsdoc from 'eslint-plugin-jsdoc';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const NODE_ONLY = [
	{ name: 'process', message: 'Not in the library: Workers and edge runtimes have none. Read it through globalThis, guarded, where it is optional.' },
	{ name: 'Buffer', message: 'Not in the library: use Uint8Array, TextEncoder and TextDecoder.' },
	{ name: 'require', message: 'Not in the library: it is ESM only.' },
	{ name: '__dirname', message: 'Not in the library: it is ESM only.' },
];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '.runtimes/**', '.bench/**', '.tmp/**', '.api/**', 'tests/runtimes/node_modules/**', 'coverage/**'] },
	...tseslint.configs.strict,
	regexp.configs['flat/recommended'],
	{
		rules: {
			// Regexes run on what servers and callers send: none may backtrack super-linearly.
			'regexp/no-super-linear-backtracking': 'error',
			'regexp/no-super-linear-move': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_', caughtErrors: 'none' }],
		},
	},
	{
		files: ['src/**/*.ts'],
		// Node-only: the CLI, the fake's server, the file budget and the test runners' halves.
		ignores: ['src/cli/**', 'src/testing/listen.ts', 'src/budget/file.ts', 'src/e2e/signIn.ts', 'src/playwright.ts', 'src/cypress/tasks.ts'],
		rules: {
			'no-restricted-globals': ['error', ...NODE_ONLY],
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['node:*'], message: 'Not in the library: the CLI and fake.listen() alone may use Node modules.' }] },
			],
		},
	},
	{
		// A function a reader can hold in one sitting (issue #20): the pipeline's stages, the batch's
		// loop and the fake's routes each fit; a longer one is split into named steps.
		files: ['src/**/*.ts'],
		rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: false, skipComments: false, IIFEs: true }] },
	},
	{
		files: ['src/**/*.ts'],
		plugins: { jsdoc },
		rules: {
			// Every export says what it is (api-extractor also reports an undocumented public name).
			'jsdoc/require-jsdoc': [
				'error',
				{
					publicOnly: true,
					require: { FunctionDeclaration: true, ClassDeclaration: true },
					contexts: ['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'ExportNamedDeclaration > VariableDeclaration'],
				},
			],
			'jsdoc/check-param-names': 'error',
			// Functions document their parameters and result; one-line arrow predicates their purpose.
			'jsdoc/require-param': ['error', { checkDestructured: false, contexts: ['FunctionDeclaration', 'TSDeclareFunction'] }],
			'jsdoc/require-returns': ['error', { publicOnly: true, contexts: ['FunctionDeclaration', 'TSDeclareFunction'] }],
		},
	},
	{
		// Tests and benches may use what they need: empty classes as foreign cores, void promises.
		files: ['tests/**', 'bench/**', 'scripts/**', 'examples/**', '*.config.*'],
		// Their regexes read this repository's own files, not what a server or caller sends.
		rules: { '@typescript-eslint/no-extraneous-class': 'off', '@typescript-eslint/no-invalid-void-type': 'off', 'regexp/no-super-linear-move': 'off' },
	},
	{
		// The runtime matrix proves CommonJS `require` of the ESM-only package.
		files: ['tests/runtimes/entries/*.cjs'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
