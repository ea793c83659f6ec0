// What the CLI prints, in one place: exit codes, errors as text or JSON Lines, and expiries.
import type { TicketFacts } from '../decodeTicket.ts';
import type { OperationError } from '../errors/OperationError.ts';
import { listIssues } from '../lib/validate.ts';

/** Where the CLI reads and writes, and what can stop it. */
export interface Io {
	/** Writes one line to stdout; a promise, when given, settles once the line is written (or failed). */
	out: (line: string) => void | Promise<void>;
	err: (line: string) => void;
	env: Record<string, string | undefined>;
	/** Whether stderr is a terminal: only then is a batch's progress drawn. */
	errIsTTY?: boolean;
	/** Redraws the progress line on stderr (no newline). */
	progress?: (text: string) => void;
	/** Standard input, for `--user-ids-file -`; a function, so stdin is only opened when read. */
	stdin?: () => import('node:stream').Readable;
	/** The first Ctrl-C: a call ends as `aborted`; a batch sends nothing more. */
	signal?: AbortSignal;
	/** The second Ctrl-C: a batch's calls in flight end too. */
	hardSignal?: AbortSignal;
	/** Aborts when stdout's reader is gone (`| head -2`): a batch stops as on the first Ctrl-C. */
	outClosed?: AbortSignal;
	/** Clock for "expires in …"; default Date.now. */
	now?: () => number;
}

// What a terminal acts on instead of showing: C0 controls but tab (ESC starts the sequences that
// recolour, retitle or rewrite a screen; a line break inside a line forges a line), DEL, C1 controls
// (0x9B is a one-byte CSI) and the bidi overrides that make text read other than it is.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const ACTIVE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A line as a terminal can only show it: each character a terminal would act on — from a hostile
 * ticket, a server's error message, a file's user ID — written as its `\uXXXX` escape, which in a
 * JSON line is the same string.
 *
 * @param line What is about to be printed.
 * @returns The line, inert.
 */
export function printable(line: string): string {
	return line.replace(ACTIVE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Exit code per error kind, so scripts can tell a refused request from an outage. */
export const EXIT_CODES: Record<OperationError['kind'] | 'usage' | 'partial', number> = {
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

/**
 * Prints an SDK error: one JSON line with `--json`, else its kind and message (and trace id) on
 * stderr.
 *
 * @param error The error.
 * @param json Whether to print JSON.
 * @param io Where to print.
 * @returns The exit code of its kind.
 */
export function failure(error: OperationError, json: boolean, io: Io): number {
	if (json) void io.out(JSON.stringify({ ok: false, error: describe(error) }));
	else {
		// The issues are the message: said once, without the class's own prefix.
		io.err(`error: ${error.kind}: ${error.kind === 'invalid-request' ? listIssues(error.issues) : error.message}`);
		if (error.kind === 'api' && error.clerkTraceId) io.err(`trace id: ${error.clerkTraceId}`);
	}
	return EXIT_CODES[error.kind];
}

/**
 * An error as JSON: what scripts branch on, and nothing that could hold the key (messages and
 * codes are already scrubbed by the SDK).
 *
 * @param error The error.
 * @returns Its kind, message and the fields scripts branch on.
 */
export function describe(error: OperationError): Record<string, unknown> {
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

/**
 * An expiry as an ISO date and how far off it is: `… (in 45 min)`, `(in 30 days)`, `(expired)`.
 *
 * @param facts What the ticket states.
 * @param now The time to count from, in ms.
 * @returns The text.
 */
export function expiry(facts: TicketFacts, now: number): string {
	const when = new Date(facts.expiresAt).toISOString();
	const minutes = (facts.expiresAt - now) / 60_000;
	if (minutes <= 0) return `${when} (expired)`;
	const left =
		minutes < 1
			? 'under a minute'
			: minutes < 120
				? `${Math.round(minutes)} min`
				: minutes < 48 * 60
					? `${Math.round(minutes / 60)} h`
					: `${Math.round(minutes / 1440)} days`;
	return `${when} (in ${left})`;
}
