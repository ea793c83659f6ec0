// How the size benches bundle, as a Worker's bundler would: ESM, minified, platform neutral, the
// conditions Workers resolve. Shared so every figure comes from the same settings.
export const userBundler = {
	bundle: true,
	minify: true,
	format: 'esm',
	platform: 'neutral',
	conditions: ['workerd', 'worker', 'browser', 'import', 'default'],
	mainFields: ['module', 'main'],
	write: false,
	logLevel: 'error',
	legalComments: 'none',
};
