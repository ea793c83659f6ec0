// The `clerk-sign-in-tokens` command: one-time sign-in links for support and ops, one user or many,
// built on the same public functions as the library (no second HTTP path). Every argument is
// checked before the key is read and before anything is sent: a mistake never leaves a live token
// behind.
import { ClerkCore } from '../core.ts';
import { decodeTicket } from '../decodeTicket.ts';
import { InvalidRequestError } from '../errors/InvalidRequestError.ts';
import { signInTokensCreate } from '../funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../funcs/signInTokensRevoke.ts';
import { trimSlashes } from '../lib/trimSlashes.ts';
import { VERSION } from '../lib/version.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import { signInUrl } from '../signInUrl.ts';
import type { SignInUrlOptions } from '../signInUrl.ts';
import { nearest } from '../lib/unknownKey.ts';
import { COMMANDS, parse } from './args.ts';
import type { Flags } from './args.ts';
import { batch } from './batch.ts';
import { fake } from './fake.ts';
import { linkOrRevoke } from './link.ts';
import { EXIT_CODES, expiry, failure, printable } from './output.ts';
import type { Io } from './output.ts';

export type { Io } from './output.ts';

const USAGE: Record<string, string> = {
	create: `clerk-sign-in-tokens create --user-id <id> [--expires-in <1h|30m|3600>] [--org-id <id>]
                            [--base-url <your sign-in page> [--redirect-url <url>]] [--json]
  clerk-sign-in-tokens create --user-ids-file <file|-> [--concurrency <n>] [same options]`,
	revoke: 'clerk-sign-in-tokens revoke <sign_in_token_id> [--json]',
	decode: 'clerk-sign-in-tokens decode <ticket | sign-in URL> [--json]',
	fake: 'clerk-sign-in-tokens fake [--port <n>] [--users <id,id,…>] [--rate-limit] [--json]',
};

const HELP = `Usage:
  ${USAGE.create}
  ${USAGE.revoke}
  ${USAGE.decode}
  ${USAGE.fake}
  clerk-sign-in-tokens help [command] | --help | --version

The secret key is read from CLERK_SECRET_KEY, never from a flag (flags land in shell history):
  export CLERK_SECRET_KEY=sk_live_…
CLERK_API_URL (Clerk's own variable, without /v1) points the commands at another server, such as
the one \`clerk-sign-in-tokens fake\` serves: it prints both lines to export.

Options:
  --user-id        the user the link signs in
  --user-ids-file  many users: a file with one user ID per line (- for stdin; blank lines and
                   # comments skipped); prints one JSON line per user, in the order they finish,
                   and a summary on stderr (created 248, failed 2)
  --expires-in     lifetime: seconds, or a number with s, m, h or d (default: Clerk's 30 days)
  --org-id         organization to activate on sign-in
  --base-url       your app's sign-in page: the link carries the ticket as __clerk_ticket there
  --redirect-url   where the user goes once signed in (with --base-url)
  --concurrency    calls in flight at once for --user-ids-file (default 10); Clerk's rate limit
                   (100 requests per 10 s for sk_test_ keys, 1000 for sk_live_) is kept anyway
  --server-url     Backend API base URL (default CLERK_API_URL + /v1, else https://api.clerk.com/v1;
                   http only for loopback)
  --port           fake: the loopback port to serve on (default: any free one)
  --users          fake: the users that exist, comma-separated (default user_1,user_2,user_3)
  --rate-limit     fake: answer 429 past Clerk's limit (100 requests per 10 s), as Clerk does
  --json           print each result as one JSON line: the token (with its decoded expiry), or the error
  -h, --help       show this help
  -v, --version    show the version

Every argument is checked before anything is sent.
Exit codes: 0 ok, 1 unexpected, 2 usage or invalid input, 3 secret key, 4 Clerk API error,
5 connection, 6 timeout, 7 invalid response, 8 aborted (Ctrl-C, or stdout closed in a batch),
9 a batch in which some users failed. Ctrl-C stops a batch from sending more; a second Ctrl-C
also cuts calls in flight.`;

/** A create, checked: what to send, and how to link the token. */
interface CreatePlan {
	request: Omit<CreateSignInTokenRequest, 'userId'>;
	link: SignInUrlOptions | undefined;
}

/**
 * Runs the CLI.
 *
 * @param argv The arguments after the program name.
 * @param given Where to read and write, and the environment; every line written to it is made
 *   inert first (see `printable`).
 * @returns The exit code.
 */
export async function main(argv: string[], given: Io): Promise<number> {
	const io: Io = { ...given, out: (line) => given.out(printable(line)), err: (line) => given.err(printable(line)) };
	// The CLI's own multi-line texts (help, usage), a line at a time: a line break inside a line is a
	// server's or a file's, and is printed as `\n` so it cannot forge a line of its own.
	const say = (write: (line: string) => unknown, text: string) => {
		for (const line of text.split('\n')) void write(line);
	};
	const parsed = parse(argv);
	const json = 'flags' in parsed ? parsed.flags.json === true : argv.includes('--json');
	const usage = (message: string, command?: string): number => {
		if (json) void io.out(JSON.stringify({ ok: false, error: { kind: 'usage', message } }));
		else {
			io.err(`error: ${message}`);
			say(io.err, command && USAGE[command] ? `usage: ${USAGE[command]}` : 'Run clerk-sign-in-tokens --help for usage.');
		}
		return EXIT_CODES.usage;
	};
	if ('usage' in parsed) return usage(parsed.usage);
	const { flags, positionals } = parsed;
	const [command, ...rest] = positionals;
	if (flags.version) return (void io.out(VERSION), 0);
	if (flags.help || command === 'help') {
		const topic = command === 'help' ? rest[0] : command;
		say(io.out, topic && USAGE[topic] ? `usage: ${USAGE[topic]}` : HELP);
		return 0;
	}
	if (command === undefined) return usage('no command given');
	if (!(COMMANDS as readonly string[]).includes(command)) {
		const hint = nearest(command, COMMANDS);
		return usage(`argument ${argv.indexOf(command) + 1} is not a command${hint ? `; did you mean ${hint}?` : ''}`);
	}
	// A flag the command does not take is refused, not ignored: `revoke sit_1 --user-id u` is a mix-up.
	const stray = Object.keys(flags).find((flag) => !(TAKES[command] as readonly string[]).includes(flag));
	if (stray !== undefined) return usage(`${command} does not take --${stray}`, command);
	if (command === 'decode') return rest.length === 1 ? decode(rest[0] as string, json, io) : usage('decode takes one ticket or sign-in URL', 'decode');
	if (command === 'fake') {
		const served = rest.length === 0 ? await fake(flags, io) : 'fake takes no positional argument';
		return typeof served === 'string' ? usage(served, 'fake') : served;
	}
	if (command === 'revoke' && rest.length !== 1) {
		return usage(rest.length === 0 ? 'revoke needs the sign-in token ID' : 'revoke takes one sign-in token ID', 'revoke');
	}
	const plan = command === 'create' ? planCreate(flags, rest, argv) : undefined;
	if (typeof plan === 'string') return usage(plan, 'create');
	// The arguments are sound; only now does the key matter.
	const core = coreOf(flags, io);
	if (typeof core === 'string') return core === 'usage' ? usage(flags['server-url'] === undefined ? API_URL_RULE : SERVER_URL_RULE) : keyMissing(json, io);
	if (command === 'revoke') return revoke(core, rest[0] as string, json, io);
	return flags['user-ids-file'] === undefined
		? create(core, { userId: flags['user-id'] as string, ...plan?.request }, plan?.link, json, io)
		: batch(core, { file: flags['user-ids-file'], concurrency: flags.concurrency, ...(plan as CreatePlan) }, io);
}

// The flags each command takes (`--help` and `--version` have been answered before this is read).
const TAKES: Record<string, readonly (keyof Flags)[]> = {
	create: ['user-id', 'user-ids-file', 'expires-in', 'org-id', 'server-url', 'base-url', 'redirect-url', 'concurrency', 'json'],
	revoke: ['server-url', 'json'],
	decode: ['json'],
	fake: ['port', 'users', 'rate-limit', 'json'],
};

const SERVER_URL_RULE = '--server-url must be an https: URL (http: only for localhost), without query, fragment or credentials';
const API_URL_RULE = 'CLERK_API_URL must be an https: URL (http: only for localhost), without query, fragment or credentials';

// Every flag of `create`, checked before the key and before anything is sent.
function planCreate(flags: Flags, rest: string[], argv: string[]): CreatePlan | string {
	if (rest.length > 0) return `create takes no positional argument (argument ${argv.indexOf(rest[0] as string) + 1})`;
	if (flags['user-id'] !== undefined && flags['user-ids-file'] !== undefined) return 'use --user-id or --user-ids-file, not both';
	if (flags['user-id'] === undefined && flags['user-ids-file'] === undefined) return 'create needs --user-id (or --user-ids-file)';
	if (flags.concurrency !== undefined && flags['user-ids-file'] === undefined) return '--concurrency goes with --user-ids-file';
	const concurrency = Number(flags.concurrency ?? 10);
	if (!(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 100)) return '--concurrency must be a whole number from 1 to 100';
	const expires = flags['expires-in'] === undefined ? undefined : seconds(flags['expires-in']);
	if (Number.isNaN(expires)) return '--expires-in must be whole seconds, or a number with s, m, h or d (30m, 1h, 7d)';
	if (flags['redirect-url'] !== undefined && flags['base-url'] === undefined) return '--redirect-url needs --base-url';
	const link =
		flags['base-url'] === undefined
			? undefined
			: { baseUrl: flags['base-url'], ...(flags['redirect-url'] === undefined ? {} : { redirectUrl: flags['redirect-url'] }) };
	// The link's URLs, checked on a stand-in token: a bad one must not be found after a token exists.
	const probe = link && signInUrl({ token: 'probe', status: 'pending', url: null }, link);
	if (probe && !probe.ok) return flagMessage(probe.error);
	return {
		request: { ...(expires === undefined ? {} : { expiresInSeconds: expires }), ...(flags['org-id'] === undefined ? {} : { orgId: flags['org-id'] }) },
		link,
	};
}

// An issue of `signInUrl`, in the flags' words.
function flagMessage(error: InvalidRequestError): string {
	const issue = error.issues[0];
	const flag = issue?.path === 'options.redirectUrl' ? '--redirect-url' : issue?.path === 'options.baseUrl' ? '--base-url' : "Clerk's token";
	return `${flag} ${issue?.message ?? 'is not usable'}`;
}

function coreOf(flags: Flags, io: Io): ClerkCore | 'usage' | 'key' {
	// CLERK_API_URL is Clerk's own name for the Backend API's origin (without /v1).
	const fromEnv = io.env.CLERK_API_URL ? `${trimSlashes(io.env.CLERK_API_URL).replace(/\/v1$/, '')}/v1` : undefined;
	const serverURL = flags['server-url'] ?? fromEnv;
	let core: ClerkCore;
	try {
		core = new ClerkCore({ secretKey: io.env.CLERK_SECRET_KEY, ...(serverURL === undefined ? {} : { serverURL }) });
	} catch {
		// The config's message names `config.serverURL` (or the key's type): speak flags.
		return serverURL === undefined ? 'key' : 'usage';
	}
	// Checked here, so a CLI user hears about the environment, not about `secretKey`.
	return io.env.CLERK_SECRET_KEY ? core : 'key';
}

function keyMissing(json: boolean, io: Io): number {
	const message = 'CLERK_SECRET_KEY is not set: export CLERK_SECRET_KEY=sk_… (the key is never taken from a flag)';
	if (json) void io.out(JSON.stringify({ ok: false, error: { kind: 'secret-key', message } }));
	else io.err(`error: secret-key: ${message}`);
	return EXIT_CODES['secret-key'];
}

async function revoke(core: ClerkCore, id: string, json: boolean, io: Io): Promise<number> {
	const res = await signInTokensRevoke(core, { signInTokenId: id }, { signal: io.signal });
	if (!res.ok) return failure(res.error, json, io);
	if (json) void io.out(JSON.stringify({ ...res.value, traceId: res.response.traceId }));
	else void io.out(`Revoked ${res.value.id} (${res.value.status}).`);
	return 0;
}

async function create(core: ClerkCore, request: CreateSignInTokenRequest, link: SignInUrlOptions | undefined, json: boolean, io: Io): Promise<number> {
	const res = await signInTokensCreate(core, request, { signal: io.signal });
	if (!res.ok) return failure(res.error, json, io);
	const linked = await linkOrRevoke(core, res.value, link, io);
	if (!linked.ok) return failure(linked.error, json, io);
	const url = linked.value;
	const facts = res.value.token ? decodeTicket(res.value.token) : undefined;
	if (json) {
		const expiresAt = facts?.ok ? new Date(facts.value.expiresAt).toISOString() : undefined;
		void io.out(JSON.stringify({ ...res.value, ...(url === res.value.url ? {} : { link: url }), expiresAt, traceId: res.response.traceId }));
	} else {
		void io.out(url);
		const when = facts?.ok ? `, expires ${expiry(facts.value, (io.now ?? Date.now)())}` : '';
		io.err(`Created ${res.value.id} for ${res.value.userId} (${res.value.status})${when}.`);
	}
	return 0;
}

function decode(input: string, json: boolean, io: Io): number {
	let ticket = input;
	if (/^https?:\/\//i.test(input)) {
		let url: URL | undefined;
		try {
			url = new URL(input);
		} catch {
			// Not a URL after all: decoded as it is, and refused as not a ticket.
		}
		const found = url?.searchParams.get('__clerk_ticket') ?? url?.searchParams.get('ticket');
		if (url && !found) {
			return failure(new InvalidRequestError([{ path: 'link', message: "carries no __clerk_ticket (nor a hosted link's ticket)" }]), json, io);
		}
		ticket = found ?? input;
	}
	const facts = decodeTicket(ticket);
	if (!facts.ok) return failure(facts.error, json, io);
	const now = (io.now ?? Date.now)();
	if (json) {
		void io.out(JSON.stringify({ ...facts.value, expiresAt: new Date(facts.value.expiresAt).toISOString(), expired: facts.value.expiresAt <= now }));
	} else {
		void io.out(`sign-in token: ${facts.value.signInTokenId}`);
		void io.out(`instance:      ${facts.value.instanceId}`);
		void io.out(`expires:       ${expiry(facts.value, now)}`);
		void io.out('(read from the ticket, not verified: for display, never for authorization)');
	}
	return 0;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

function seconds(text: string): number {
	const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
	return match?.[1] ? Number(match[1]) * (UNITS[match[2] || 's'] ?? Number.NaN) : Number.NaN;
}
