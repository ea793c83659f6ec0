// The package's `bin`: process wiring only; everything else is in main.ts, which tests call too.
import { main } from './main.ts';

// A closed pipe (`… | head -2`) makes writes fail with EPIPE. A single call ignores it, so the exit
// code still reports what happened at Clerk (a token minted stays "ok", and a script with
// `pipefail` does not retry and mint a second one); a batch stops sending (see batch.ts).
const closed = new AbortController();
process.stdout.on('error', () => closed.abort());
process.stderr.on('error', () => {});
const write = (stream: NodeJS.WriteStream, text: string): Promise<void> =>
	new Promise((resolve) => {
		try {
			stream.write(text, (error) => {
				if (error && stream === process.stdout) closed.abort();
				resolve();
			});
		} catch {
			// Same as above, for a stream that fails synchronously.
			if (stream === process.stdout) closed.abort();
			resolve();
		}
	});

// First Ctrl-C: stop (a single call ends as aborted; a batch sends nothing more and lets calls in
// flight finish, so its record stays true). Second Ctrl-C: cut calls in flight too.
const soft = new AbortController();
const hard = new AbortController();
// SIGTERM (a supervisor, `timeout`, Docker) is asked to stop the same way.
for (const name of ['SIGINT', 'SIGTERM'] as const) {
	process.on(name, () => (soft.signal.aborted ? hard : soft).abort(new Error(`interrupted (${name})`)));
}

const code = await main(process.argv.slice(2), {
	out: (line) => write(process.stdout, `${line}\n`),
	err: (line) => void write(process.stderr, `${line}\n`),
	progress: (text) => void write(process.stderr, text),
	errIsTTY: process.stderr.isTTY === true,
	env: process.env,
	stdin: () => process.stdin,
	signal: soft.signal,
	hardSignal: hard.signal,
	outClosed: closed.signal,
});
process.exitCode = code;
