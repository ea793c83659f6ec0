// `create --user-ids-file`: one JSON line per user, and an account of every token minted. The batch
// stops sending — calls in flight finish — on the first Ctrl-C or when stdout's reader is gone
// (`| head -2`); a token that could not be printed is named on stderr, so none stays live unseen.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { ClerkCore } from '../core.ts';
import { decodeTicket } from '../decodeTicket.ts';
import type { CreateManyItem } from '../funcs/signInTokensCreateMany.ts';
import { signInTokensCreateMany } from '../funcs/signInTokensCreateMany.ts';
import type { CreateSignInTokenRequest } from '../models/createSignInTokenRequest.ts';
import type { SignInUrlOptions } from '../signInUrl.ts';
import { linkOrRevoke } from './link.ts';
import { EXIT_CODES, describe } from './output.ts';
import type { Io } from './output.ts';

/** A batch, as the arguments asked for it (already checked). */
export interface BatchPlan {
	file: string;
	concurrency: string | undefined;
	request: Omit<CreateSignInTokenRequest, 'userId'>;
	link: SignInUrlOptions | undefined;
}

/** The tally printed at the end of every batch. */
interface Tally {
	created: number;
	failed: number;
	/** Ended by the stop (Ctrl-C, stdout closed): unsent, or cut in flight by a second Ctrl-C. */
	stopped: number;
	/** Tokens minted whose line could not be written: their IDs, for `revoke`. */
	unprinted: string[];
}

/**
 * Runs a batch.
 *
 * @param core The core to call with.
 * @param plan The checked arguments.
 * @param io Where to read and write, and what stops the batch.
 * @returns The exit code: 0, 9 when some users failed, 8 when stopped (Ctrl-C, stdout closed), 2
 *   when the input could not be read or held no user ID.
 */
export async function batch(core: ClerkCore, plan: BatchPlan, io: Io): Promise<number> {
	const input = await open(plan.file, io);
	if (typeof input === 'string') {
		io.err(`error: ${input}`);
		return EXIT_CODES.usage;
	}
	const stop = new AbortController();
	const stopping = (why: string) => () => {
		if (!stop.signal.aborted) io.err(why);
		stop.abort(why);
		// An open stdin (a producer still writing, a person typing) must not hold the batch.
		input.destroy();
	};
	const onInterrupt = stopping('Stopping: nothing more is sent; calls in flight finish and are recorded. Ctrl-C again cuts them short.');
	const onClosed = stopping('stdout was closed: nothing more is sent; calls in flight finish.');
	io.signal?.addEventListener('abort', onInterrupt, { once: true });
	io.outClosed?.addEventListener('abort', onClosed, { once: true });
	if (io.signal?.aborted) onInterrupt();
	if (io.outClosed?.aborted) onClosed();
	const tally: Tally = { created: 0, failed: 0, stopped: 0, unprinted: [] };
	try {
		let read = 0;
		for await (const item of signInTokensCreateMany(
			core,
			lines(input, plan.request, () => read++),
			{
				concurrency: Number(plan.concurrency ?? 10),
				signal: stop.signal,
				...(io.hardSignal ? { callOptions: { signal: io.hardSignal } } : {}),
				onProgress: ({ done, total, ok, failed }) => {
					if (io.errIsTTY) io.progress?.(bar(done, total, ok, failed));
				},
			},
		)) {
			await record(core, item, plan.link, tally, io);
		}
		if (io.errIsTTY) io.progress?.('\n');
		return finish(tally, read, io);
	} finally {
		io.signal?.removeEventListener('abort', onInterrupt);
		io.outClosed?.removeEventListener('abort', onClosed);
		input.destroy();
	}
}

// Opens the input, or says why it cannot be read: the flag, the path (unless it looks like a pasted
// key) and the system's reason.
async function open(file: string, io: Io): Promise<Readable | string> {
	if (file === '-') return io.stdin?.() ?? 'no standard input to read user IDs from';
	const stream = createReadStream(file);
	const failed = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
		stream.once('error', resolve);
		stream.once('readable', () => resolve(undefined));
		stream.once('end', () => resolve(undefined));
	});
	if (!failed) return stream;
	const shown = /[sp]k_(?:test|live)_/.test(file) ? '(a path that looks like a key)' : file;
	return `--user-ids-file ${shown} could not be read (${failed.code ?? 'error'}${REASONS[failed.code ?? ''] ?? ''})`;
}

const REASONS: Record<string, string> = {
	ENOENT: ': no such file',
	EACCES: ': permission denied',
	EISDIR: ': it is a directory',
};

// One request per line: blank lines and # comments skipped, spaces around an ID trimmed. A stream
// destroyed by a stop ends the input; it is not an error.
async function* lines(input: Readable, request: BatchPlan['request'], counted: () => void): AsyncGenerator<CreateSignInTokenRequest> {
	try {
		for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
			const userId = line.trim();
			if (userId === '' || userId.startsWith('#')) continue;
			counted();
			yield { userId, ...request };
		}
	} catch (error) {
		if (!input.destroyed) throw error;
	}
}

// Writes one user's line; a token whose line cannot be written (stdout closed) is remembered.
async function record(core: ClerkCore, item: CreateManyItem<CreateSignInTokenRequest>, link: SignInUrlOptions | undefined, tally: Tally, io: Io) {
	const { request, result } = item;
	// A key pasted into the file (refused before I/O) is not printed back.
	const userId = request && /^[sp]k_/.test(request.userId) ? '[withheld: an API key]' : request?.userId;
	let line: Record<string, unknown> = { userId, ok: false, ...(result.ok ? {} : { error: describe(result.error) }) };
	if (result.ok) {
		const { id, token } = result.value;
		const linked = await linkOrRevoke(core, result.value, link, io);
		line = linked.ok
			? { userId, ok: true, id, url: linked.value, ...expiresAt(token), traceId: result.response.traceId }
			: { userId, ok: false, id, error: describe(linked.error) };
	}
	tally[line.ok ? 'created' : !result.ok && result.error.kind === 'aborted' ? 'stopped' : 'failed']++;
	if (!io.outClosed?.aborted) await io.out(JSON.stringify(line));
	// Written after the reader left (or the write itself found it gone): never printed.
	if (io.outClosed?.aborted && line.ok && result.ok) tally.unprinted.push(result.value.id);
}

// The ticket's expiry, whatever the ticket holds: a ticket that cannot be read gives none.
function expiresAt(ticket: string | undefined): { expiresAt?: string } {
	const facts = ticket ? decodeTicket(ticket) : undefined;
	return facts?.ok ? { expiresAt: new Date(facts.value.expiresAt).toISOString() } : {};
}

function finish(tally: Tally, read: number, io: Io): number {
	if (tally.unprinted.length) {
		io.err(`${tally.unprinted.length} token(s) were created and not printed; their links are lost. Revoke them with clerk-sign-in-tokens revoke <id>:`);
		io.err(`  ${tally.unprinted.join(' ')}`);
	}
	const extra = [tally.stopped && `stopped ${tally.stopped}`, tally.unprinted.length && `not printed ${tally.unprinted.length}`].filter(Boolean);
	io.err([`created ${tally.created}`, `failed ${tally.failed}`, ...extra].join(', '));
	if (io.signal?.aborted || io.outClosed?.aborted) return EXIT_CODES.aborted;
	if (read === 0) {
		io.err('error: no user ids read (the input was empty, or held only blank lines and # comments)');
		return EXIT_CODES.usage;
	}
	return tally.failed === 0 ? 0 : EXIT_CODES.partial;
}

function bar(done: number, total: number | undefined, ok: number, failed: number): string {
	const width = 30;
	const filled = total ? Math.round((done / total) * width) : 0;
	const gauge = total ? `[${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}` : `${done}`;
	return `\r${gauge}  ok ${ok}  failed ${failed}`;
}
