// The `clerk-sign-in-tokens` command: one-time sign-in links for support and ops, one user or many,
// built on the same public functions as the library (no second HTTP path).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { ClerkCore } from '../core.ts';
import { decodeTicket } from '../decodeTicket.ts';
import type { TicketFacts } from '../decodeTicket.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { signInTokensCreate } from '../funcs/signInTokensCreate.ts';
import { signInTokensCreateMany } from '../funcs/signInTokensCreateMany.ts';
import { signInTokensRevoke } from '../funcs/signInTokensRevoke.ts';
import { VERSION } from '../lib/version.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import type { SignInToken } from '../models/signInToken.ts';
import type { ApiResult } from '../result.ts';
import { signInUrl } from '../signInUrl.ts';
import { COMMANDS, nearest, parse } from './args.ts';
import type { Flags } from './args.ts';

const USAGE: Record<string, string> = {
	create: `clerk-sign-in-tokens create --user-id <id> [--expires-in <1h|30m|3600>] [--org-id <id>]
                            [--base-url <your sign-in page> [--redirect-url <url>]] [--json]
  clerk-sign-in-tokens create --user-ids-file <file|-> [--concurrency <n>] [same options]`,
	revoke: 'clerk-sign-in-tokens revoke <sign_in_token_id> [--json]',
	decode: 'clerk-sign-in-tokens decode <ticket | sign-in URL> [--json]',
};

const HELP = `Usage:
  ${USAGE.create}
  ${USAGE.revoke}
  ${USAGE.decode}
  clerk-sign-in-tokens help [command] | --help | --version

The secret key is read from CLERK_SECRET_KEY, never from a flag (flags land in shell history):
  export CLERK_SECRET_KEY=sk_live_…

Options:
  --user-id        the user the link signs in
  --user-ids-file  many users: a file with one user ID per line (- for stdin; blank lines and
                   # comments skipped); prints one JSON line per user, in the order they finish
  --expires-in     lifetime: seconds, or a number with s, m, h or d (default: Clerk's 30 days)
  --org-id         organization to activate on sign-in
  --base-url       your app's sign-in page: the link carries the ticket as __clerk_ticket there
  --redirect-url   where the user goes once signed in (with --base-url)
  --concurrency    calls in flight at once for --user-ids-file (default 10); Clerk's rate limit
                   (100 requests per 10 s for sk_test_ keys, 1000 for sk_live_) is kept anyway
  --server-url     Backend API base URL (default https://api.clerk.com/v1; http only for loopback)
  --json           print JSON: the token (with its decoded expiry), or the error
  -h, --help       show this help
  -v, --version    show the version

Exit codes: 0 ok, 1 unexpected, 2 usage or invalid input, 3 secret key, 4 Clerk API error,
5 connection, 6 timeout, 7 invalid response, 8 aborted (Ctrl-C), 9 a batch in which some users
failed. Ctrl-C stops a batch from sending more; a second Ctrl-C also cuts calls in flight.`;

/** Exit code per error kind, so scripts can tell a refused request from an outage. */
const EXIT_CODES: Record<OperationError['kind'] | 'usage' | 'partial', number> = {
	unexpected: 1,
	usage: 2,
	'invalid-request': 2,
	'secret-key': 3,
	api: 4,
	connection: 5,
	timeout: 6,
	'invalid-response': 7,
	aborted: 8,
	partial: 9,
};

/** Where the CLI reads and writes, and what can stop it. */
export interface Io {
	out: (line: string) => void;
	err: (line: string) => void;
	env: Record<string, string | undefined>;
	/** Whether stderr is a terminal: only then is a batch's progress drawn. */
	errIsTTY?: boolean;
	/** Redraws the progress line on stderr (no newline). */
	progress?: (text: string) => void;
	/** Standard input, for `--user-ids-file -`; a function, so stdin is only opened when read. */
	stdin?: () => Readable;
	/** The first Ctrl-C: a call ends as `aborted`; a batch sends nothing more. */
	signal?: AbortSignal;
	/** The second Ctrl-C: a batch's calls in flight end too. */
	hardSignal?: AbortSignal;
	/** Clock for "expires in …"; default Date.now. */
	now?: () => number;
}

/**
 * Runs the CLI.
 *
 * @param argv The arguments after the program name.
 * @param io Where to read and write, and the environment.
 * @returns The exit code.
 */
export async function main(argv: string[], io: Io): Promise<number> {
	const parsed = parse(argv);
	const json = 'flags' in parsed ? parsed.flags.json === true : argv.includes('--json');
	const usage = (message: string, command?: string): number => {
		if (json) io.out(JSON.stringify({ ok: false, error: { kind: 'usage', message } }));
		else {
			io.err(`error: ${message}`);
			io.err(command && USAGE[command] ? `usage: ${USAGE[command]}` : 'Run clerk-sign-in-tokens --help for usage.');
		}
		return EXIT_CODES.usage;
	};
	if ('usage' in parsed) return usage(parsed.usage);
	const { flags, positionals } = parsed;
	const [command, ...rest] = positionals;
	if (flags.version) return (io.out(VERSION), 0);
	if (flags.help || command === 'help') {
		const topic = command === 'help' ? rest[0] : command;
		io.out(topic && USAGE[topic] ? `usage: ${USAGE[topic]}` : HELP);
		return 0;
	}
	if (command === undefined) return usage('no command given');
	if (!(COMMANDS as readonly string[]).includes(command)) {
		const hint = nearest(command, COMMANDS);
		return usage(`argument ${argv.indexOf(command) + 1} is not a command${hint ? `; did you mean ${hint}?` : ''}`);
	}
	if (command === 'decode') {
		if (rest.length !== 1) return usage('decode takes one ticket or sign-in URL', 'decode');
		return decode(rest[0] as string, json, io);
	}

	// Checked before the core, so a CLI user hears about the environment, not about `secretKey`.
	if (!io.env.CLERK_SECRET_KEY) {
		const message = 'CLERK_SECRET_KEY is not set: export CLERK_SECRET_KEY=sk_… (the key is never taken from a flag)';
		if (json) io.out(JSON.stringify({ ok: false, error: { kind: 'secret-key', message } }));
		else io.err(`error: secret-key: ${message}`);
		return EXIT_CODES['secret-key'];
	}
	let core: ClerkCore;
	try {
		core = new ClerkCore({ secretKey: io.env.CLERK_SECRET_KEY, ...(flags['server-url'] === undefined ? {} : { serverURL: flags['server-url'] }) });
	} catch {
		// The config's message would quote nothing secret, but names `config.serverURL`: speak flags.
		return usage('--server-url must be an https: URL (http: only for localhost), without query, fragment or credentials');
	}

	if (command === 'revoke') {
		if (rest.length !== 1) return usage(rest.length === 0 ? 'revoke needs the sign-in token ID' : 'revoke takes one sign-in token ID', 'revoke');
		const res = await signInTokensRevoke(core, { signInTokenId: rest[0] as string }, { signal: io.signal });
		if (!res.ok) return failure(res.error, json, io);
		if (json) io.out(JSON.stringify({ ...res.value, traceId: res.response.traceId }, null, 2));
		else io.out(`Revoked ${res.value.id} (${res.value.status}).`);
		return 0;
	}

	// create
	if (rest.length > 0) return usage(`create takes no positional argument (argument ${argv.indexOf(rest[0] as string) + 1})`, 'create');
	const expires = flags['expires-in'] === undefined ? undefined : seconds(flags['expires-in']);
	if (Number.isNaN(expires)) return usage('--expires-in must be whole seconds, or a number with s, m, h or d (30m, 1h, 7d)', 'create');
	if (flags['redirect-url'] !== undefined && flags['base-url'] === undefined) return usage('--redirect-url needs --base-url', 'create');
	const options = { ...(expires === undefined ? {} : { expiresInSeconds: expires }), ...(flags['org-id'] === undefined ? {} : { orgId: flags['org-id'] }) };
	if (flags['user-ids-file'] !== undefined) {
		if (flags['user-id'] !== undefined) return usage('use --user-id or --user-ids-file, not both', 'create');
		return batch(core, flags, options, io);
	}
	if (flags['user-id'] === undefined) return usage('create needs --user-id (or --user-ids-file)', 'create');
	const res = await signInTokensCreate(core, { userId: flags['user-id'], ...options }, { signal: io.signal });
	if (!res.ok) return failure(res.error, json, io);
	const link = linkOf(res.value, flags);
	if (!link.ok) return usage(link.message, 'create');
	const facts = res.value.token ? decodeTicket(res.value.token) : undefined;
	if (json) {
		io.out(
			JSON.stringify(
				{
					...res.value,
					...(link.url === res.value.url ? {} : { link: link.url }),
					expiresAt: facts?.ok ? new Date(facts.value.expiresAt).toISOString() : undefined,
					traceId: res.response.traceId,
				},
				null,
				2,
			),
		);
	} else {
		io.out(link.url ?? '(no url returned)');
		io.err(`Created ${res.value.id} for ${res.value.userId} (${res.value.status})${facts?.ok ? `, expires ${expiry(facts.value, io)}` : ''}.`);
	}
	return 0;
}

function linkOf(token: SignInToken, flags: Flags): { ok: true; url: string | null | undefined } | { ok: false; message: string } {
	if (flags['base-url'] === undefined) return { ok: true, url: token.url };
	const link = signInUrl(token, { baseUrl: flags['base-url'], ...(flags['redirect-url'] === undefined ? {} : { redirectUrl: flags['redirect-url'] }) });
	if (link.ok) return { ok: true, url: link.value };
	// Issues name fields: put them in the flags' words.
	const issue = link.error.issues[0];
	const flag = issue?.path === 'options.redirectUrl' ? '--redirect-url' : issue?.path === 'options.baseUrl' ? '--base-url' : 'the token';
	return { ok: false, message: `${flag} ${issue?.message ?? 'is not usable'}` };
}

function failure(error: OperationError, json: boolean, io: Io): number {
	if (json) io.out(JSON.stringify({ ok: false, error: describe(error) }));
	else {
		io.err(`error: ${error.kind}: ${error.message}`);
		if (error.kind === 'api' && error.clerkTraceId) io.err(`trace id: ${error.clerkTraceId}`);
		if (error.kind === 'invalid-request') for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}`);
	}
	return EXIT_CODES[error.kind];
}

// An error as JSON: what scripts branch on, and nothing that could hold the key (messages and
// codes are already scrubbed by the SDK).
function describe(error: OperationError): Record<string, unknown> {
	const cause = (error.cause as { code?: unknown; cause?: { code?: unknown } } | undefined) ?? {};
	const code = cause.code ?? cause.cause?.code;
	return {
		kind: error.kind,
		message: error.message,
		...(error.kind === 'api' ? { status: error.status, code: error.errors[0]?.code, traceId: error.clerkTraceId } : {}),
		...(error.kind === 'invalid-response' ? { status: error.status } : {}),
		...(error.kind === 'invalid-request' ? { issues: error.issues } : {}),
		...(typeof code === 'string' ? { cause: { code } } : {}),
	};
}

async function batch(core: ClerkCore, flags: Flags, options: Omit<CreateSignInTokenRequest, 'userId'>, io: Io): Promise<number> {
	const file = flags['user-ids-file'] as string;
	const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
	if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 100))
		return badBatch('--concurrency must be a whole number from 1 to 100', io, flags);
	const input = file === '-' ? io.stdin?.() : createReadStream(file);
	if (!input) return badBatch('no standard input to read user IDs from', io, flags);
	// The file may not open: found out before the first call, as a usage error naming the flag.
	const opened = await new Promise<boolean>((resolve) => {
		if (file === '-') return resolve(true);
		input.once('error', () => resolve(false));
		input.once('readable', () => resolve(true));
		input.once('end', () => resolve(true));
	});
	if (!opened) return badBatch('--user-ids-file could not be read', io, flags);

	async function* requests(): AsyncGenerator<CreateSignInTokenRequest> {
		for await (const line of createInterface({ input: input as Readable, crlfDelay: Number.POSITIVE_INFINITY })) {
			const userId = line.trim();
			if (userId !== '' && !userId.startsWith('#')) yield { userId, ...options };
		}
	}
	let failed = 0;
	io.signal?.addEventListener('abort', () => io.err('Stopping: nothing more is sent; calls in flight finish and are recorded. Ctrl-C again cuts them short.'), {
		once: true,
	});
	for await (const { request, result } of signInTokensCreateMany(core, requests(), {
		...(concurrency === undefined ? {} : { concurrency }),
		...(io.signal ? { signal: io.signal } : {}),
		...(io.hardSignal ? { callOptions: { signal: io.hardSignal } } : {}),
		onProgress: ({ done, total: all, ok, failed: bad }) => {
			if (io.errIsTTY) io.progress?.(bar(done, all, ok, bad));
		},
	})) {
		if (!result.ok) failed++;
		io.out(JSON.stringify(line(request?.userId, result, flags)));
	}
	if (io.errIsTTY) io.progress?.('\n');
	if (io.signal?.aborted) return EXIT_CODES.aborted;
	return failed === 0 ? 0 : EXIT_CODES.partial;
}

function badBatch(message: string, io: Io, flags: Flags): number {
	if (flags.json) io.out(JSON.stringify({ ok: false, error: { kind: 'usage', message } }));
	else {
		io.err(`error: ${message}`);
		io.err(`usage: ${USAGE.create}`);
	}
	return EXIT_CODES.usage;
}

// One JSON line per user: what a script needs to send the link or retry the user.
function line(userId: string | undefined, result: ApiResult<SignInToken, OperationError>, flags: Flags): Record<string, unknown> {
	if (!result.ok) return { userId, ok: false, error: describe(result.error) };
	const link = linkOf(result.value, flags);
	const facts = result.value.token ? decodeTicket(result.value.token) : undefined;
	return {
		userId,
		ok: true,
		id: result.value.id,
		url: link.ok ? link.url : result.value.url,
		...(facts?.ok ? { expiresAt: new Date(facts.value.expiresAt).toISOString() } : {}),
		traceId: result.response.traceId,
	};
}

function bar(done: number, total: number | undefined, ok: number, failed: number): string {
	const width = 30;
	const filled = total ? Math.round((done / total) * width) : 0;
	const gauge = total ? `[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}` : `${done}`;
	return `\r${gauge}  ok ${ok}  failed ${failed}`;
}

function decode(input: string, json: boolean, io: Io): number {
	let ticket = input;
	if (/^https?:\/\//i.test(input)) {
		try {
			const url = new URL(input);
			ticket = url.searchParams.get('__clerk_ticket') ?? url.searchParams.get('ticket') ?? '';
		} catch {
			ticket = '';
		}
	}
	const facts = decodeTicket(ticket);
	if (!facts.ok) return failure(facts.error, json, io);
	if (json) io.out(JSON.stringify({ ...facts.value, expiresAt: new Date(facts.value.expiresAt).toISOString() }, null, 2));
	else {
		io.out(`sign-in token: ${facts.value.signInTokenId}`);
		io.out(`instance:      ${facts.value.instanceId}`);
		io.out(`expires:       ${expiry(facts.value, io)}`);
		io.out('(read from the ticket, not verified: for display, never for authorization)');
	}
	return 0;
}

function expiry(facts: TicketFacts, io: Io): string {
	const left = Math.round((facts.expiresAt - (io.now ?? Date.now)()) / 60_000);
	const when = new Date(facts.expiresAt).toISOString();
	return left >= 0 ? `${when} (in ${left < 120 ? `${left} min` : `${Math.round(left / 60)} h`})` : `${when} (expired)`;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function seconds(text: string): number {
	const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
	return match?.[1] ? Number(match[1]) * (UNITS[match[2] || 's'] ?? Number.NaN) : Number.NaN;
}
