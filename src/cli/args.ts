// Command-line parsing that never echoes what it refuses: a key pasted into argv by mistake must not
// reach the terminal, the shell history's neighbour. Arguments are named by flag or position.
import { parseArgs } from 'node:util';
import { nearest } from '../lib/unknownKey.ts';

/** The flags, with whether they take a value. */
const FLAGS = {
	'user-id': 'string',
	'user-ids-file': 'string',
	'expires-in': 'string',
	'org-id': 'string',
	'server-url': 'string',
	'base-url': 'string',
	'redirect-url': 'string',
	concurrency: 'string',
	port: 'string',
	users: 'string',
	'rate-limit': 'boolean',
	json: 'boolean',
	help: 'boolean',
	version: 'boolean',
} as const;

/** The commands. */
export const COMMANDS = ['create', 'revoke', 'decode', 'fake', 'help'] as const;

/** The flags as parsed: a string for a flag with a value, `true` for a boolean one. */
export type Flags = { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K] extends 'string' ? string : boolean };

/** Parsed arguments, or a usage error that quotes none of them. */
export type Parsed = { flags: Flags; positionals: string[] } | { usage: string };

/**
 * Parses the arguments after the program name.
 *
 * @param argv The arguments.
 * @returns The flags and positionals, or why they are not usable.
 */
export function parse(argv: string[]): Parsed {
	const options = Object.fromEntries(
		Object.entries(FLAGS).map(([name, type]) => [name, { type, ...(name === 'help' ? { short: 'h' } : name === 'version' ? { short: 'v' } : {}) }]),
	);
	// Not strict: parseArgs' own errors quote the argument, which may be a pasted key.
	const { tokens } = parseArgs({ args: argv, strict: false, allowPositionals: true, tokens: true, options });
	const flags: Record<string, string | boolean> = {};
	const positionals: string[] = [];
	for (const token of tokens) {
		if (token.kind === 'positional') {
			positionals.push(token.value);
			continue;
		}
		if (token.kind !== 'option') continue;
		const at = `argument ${token.index + 1}`;
		const name = token.name as keyof typeof FLAGS;
		if (!Object.hasOwn(FLAGS, name)) {
			// Only a flag-shaped name is shown; anything else may be a pasted secret.
			const shown = /^[a-z][a-z-]{0,30}$/i.test(token.name) ? ` (${token.rawName})` : '';
			const hint = nearest(token.name, Object.keys(FLAGS));
			return { usage: `${at}${shown} is not a known option${hint ? `; did you mean --${hint}?` : ''}` };
		}
		if (FLAGS[name] === 'string') {
			if (token.value === undefined) return { usage: `--${name} needs a value` };
			// One value wins silently in most CLIs; here a second --user-id would mint for one user only.
			if (Object.hasOwn(flags, name)) return { usage: `--${name} is given twice${name === 'user-id' ? '; for many users, use --user-ids-file' : ''}` };
			flags[name] = token.value;
		} else {
			if (token.value !== undefined) return { usage: `--${name} takes no value` };
			flags[name] = true;
		}
	}
	return { flags: flags as Flags, positionals };
}
