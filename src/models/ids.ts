import * as v from 'valibot';

/** Longest ID accepted; Clerk IDs are ~30 characters, so this only stops runaway input. */
export const MAX_ID_LENGTH = 256;

/** A non-empty, bounded string: the shape of every Clerk ID this SDK sends. */
export const IdSchema = v.pipe(
	v.string('must be a string'),
	v.check((id) => id !== '', 'must not be empty'),
	v.check((id) => id.length <= MAX_ID_LENGTH, `must be at most ${MAX_ID_LENGTH} characters`),
);
