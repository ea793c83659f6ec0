#!/usr/bin/env node
// Runs a command and shows what it printed only when it fails, so a passing `npm test` stays
// short: `node scripts/quiet.mjs "<label>" <command> [args…]` prints `✓ <label>` on success, and
// on failure the command's whole output and its exit code.
import { spawnSync } from 'node:child_process';

const [label, command, ...args] = process.argv.slice(2);
const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (result.status === 0) console.log(`✓ ${label}`);
else {
	process.stdout.write(result.stdout ?? '');
	process.stderr.write(result.stderr ?? '');
	if (result.error) console.error(String(result.error));
	console.error(`✗ ${label}: exit ${result.status ?? result.signal}`);
}
process.exitCode = result.status ?? 1;
