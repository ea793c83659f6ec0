import { main } from './cli.ts';

// The package's `bin`; all logic lives in cli.ts so tests can call `main` directly too.
const interrupted = new AbortController();
process.once('SIGINT', () => interrupted.abort(new Error('interrupted (SIGINT)')));
const code = await main(process.argv.slice(2), {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`),
	env: process.env,
	signal: interrupted.signal,
});
process.exitCode = code;
