import * as v from 'valibot';

/** Longest ID accepted; Clerk IDs are ~30 characters, so this only stops runaway input. */
export const MAX_ID_LENGTH = 256;

/** A non-empty, bounded string: the shape of every Clerk ID this SDK sends. */
export const IdSchema = v.pipe(
	v.string('must be a string'),
	v.check(
		(id) => id !== '' && id.length <= MAX_ID_LENGTH,
		(issue) => (issue.input === '' ? 'must not be empty' : `must be at most ${MAX_ID_LENGTH} characters`),
	),
);
