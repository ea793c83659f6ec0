// Debian's Chromium for the browser suites (test:browser, test:e2e): where it is, how it is
// launched, and installing it on a CI machine that starts without it — Debian's package is the one
// source this workplace allows (no browser download).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Without the background-networking flags, Chromium's calls to Google are refused by this
// machine's closed network, many at a time (.library/env/machines/node.md).
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/**
 * Installs Debian's chromium when it is missing and this is root; else explains and exits.
 *
 * @param suite The suite's name, for its messages.
 */
export function ensureChromium(suite: string): void {
	if (existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0) {
		console.error(`${suite}: ${CHROMIUM} is missing and installing Debian's chromium needs root: apt-get install chromium`);
		process.exit(1);
	}
	console.log(`${suite}: installing Debian chromium…`);
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}
