// The `clerk-sign-in-tokens` command: one-time sign-in links for support and ops, built on the
// same public functions as the library (no second HTTP path).
import { parseArgs } from 'node:util';
import { ClerkCore } from './lib/config.ts';
import type { OperationError } from './lib/errors/OperationError.ts';
import type { ApiResult } from './lib/result.ts';
import { VERSION } from './lib/version.ts';
import { signInTokensCreate } from './funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from './funcs/signInTokensRevoke.ts';
import type { SignInToken } from './models/signInToken.ts';

const HELP = `Usage:
  clerk-sign-in-tokens create --user-id <id> [--expires-in <1h|30m|3600>] [--org-id <id>] [--json]
  clerk-sign-in-tokens revoke <sign_in_token_id> [--json]
  clerk-sign-in-tokens --help | --version

The secret key is read from CLERK_SECRET_KEY, never from a flag (flags land in shell history).

Options:
  --user-id      the user the link signs in (create)
  --expires-in   lifetime: seconds, or a number with s, m, h or d (default: Clerk's 30 days)
  --org-id       organization to activate on sign-in (create)
  --server-url   Backend API base URL (default https://api.clerk.com/v1; http only for loopback)
  --json         print the SignInToken as JSON
  -h, --help     show this help
  -v, --version  show the version

Exit codes: 0 ok, 1 unexpected, 2 usage or invalid input, 3 secret key, 4 Clerk API error,
5 connection, 6 timeout, 7 invalid response, 8 aborted.`;

/** Exit code per error kind, so scripts can tell a refused request from an outage. */
export const EXIT_CODES: Record<OperationError['kind'] | 'usage', number> = {
	unexpected: 1,
	usage: 2,
	'invalid-request': 2,
	'secret-key': 3,
	api: 4,
	connection: 5,
	timeout: 6,
	'invalid-response': 7,
	aborted: 8,
};

interface Io {
	out: (line: string) => void;
	err: (line: string) => void;
	env: Record<string, string | undefined>;
	/** Fires on Ctrl-C, so a slow call ends as `aborted` (exit 8) instead of being killed mid-way. */
	signal?: AbortSignal;
}

/**
 * Runs the CLI.
 *
 * @param argv The arguments after the program name.
 * @param io Where to write, and the environment.
 * @returns The exit code.
 */
export async function main(argv: string[], io: Io): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				'user-id': { type: 'string' },
				'expires-in': { type: 'string' },
				'org-id': { type: 'string' },
				'server-url': { type: 'string' },
				json: { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false },
				version: { type: 'boolean', short: 'v', default: false },
			},
		});
	} catch (error) {
		return usage(io, (error as Error).message);
	}
	const { values, positionals } = parsed;
	if (values.help) return io.out(HELP), 0;
	if (values.version) return io.out(VERSION), 0;

	const [command, ...rest] = positionals;
	let core: ClerkCore;
	try {
		core = new ClerkCore({ secretKey: io.env.CLERK_SECRET_KEY, ...(values['server-url'] ? { serverURL: values['server-url'] } : {}) });
	} catch (error) {
		return usage(io, (error as Error).message);
	}

	let res: ApiResult<SignInToken, OperationError>;
	if (command === 'create' && rest.length === 0) {
		const userId = values['user-id'];
		if (!userId) return usage(io, 'create needs --user-id');
		const expires = values['expires-in'] === undefined ? undefined : seconds(values['expires-in']);
		if (Number.isNaN(expires)) return usage(io, `--expires-in must be seconds or a number with s, m, h or d, not "${values['expires-in']}"`);
		res = await signInTokensCreate(
			core,
			{
				userId,
				...(expires === undefined ? {} : { expiresInSeconds: expires }),
				...(values['org-id'] === undefined ? {} : { orgId: values['org-id'] }),
			},
			{ signal: io.signal },
		);
	} else if (command === 'revoke' && rest.length === 1 && rest[0] !== undefined) {
		res = await signInTokensRevoke(core, { signInTokenId: rest[0] }, { signal: io.signal });
	} else {
		return usage(io, command ? `unknown or incomplete command: ${positionals.join(' ')}` : 'no command given');
	}

	if (!res.ok) {
		const { error } = res;
		io.err(`error: ${error.kind}: ${error.message}`);
		if (error.kind === 'api' && error.clerkTraceId) io.err(`trace id: ${error.clerkTraceId}`);
		if (error.kind === 'invalid-request') for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}`);
		return EXIT_CODES[error.kind];
	}
	const token = res.value;
	if (values.json) {
		io.out(JSON.stringify(token, null, 2));
	} else if (command === 'create') {
		io.out(token.url ?? '(no url returned)');
		io.err(`Created ${token.id} for ${token.userId} (${token.status}).`);
	} else {
		io.out(`Revoked ${token.id} (${token.status}).`);
	}
	return 0;
}

function usage(io: Io, message: string): number {
	io.err(`error: ${message}`);
	io.err('Run clerk-sign-in-tokens --help for usage.');
	return EXIT_CODES.usage;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function seconds(text: string): number {
	const match = /^(\d+)([smhd]?)$/.exec(text.trim());
	return match?.[1] ? Number(match[1]) * (UNITS[match[2] || 's'] ?? Number.NaN) : Number.NaN;
}
