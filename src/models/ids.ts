import * as v from 'valibot';

/** Longest ID accepted; Clerk IDs are ~30 characters, so this only stops runaway input. */
export const MAX_ID_LENGTH = 256;

/**
 * Whether an ID is a non-empty, bounded string: the shape of every Clerk ID this SDK sends.
 *
 * @internal
 */
export const isId = (id: unknown): id is string => typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH;

/**
 * Why a value is not an ID, for an issue's message.
 *
 * @internal
 */
export const notAnId = (id: unknown): string =>
	typeof id !== 'string' ? 'must be a string' : id === '' ? 'must not be empty' : `must be at most ${MAX_ID_LENGTH} characters`;

/**
 * A non-empty, bounded string: the shape of every Clerk ID this SDK sends.
 *
 * @internal
 */
export const IdSchema = v.custom<string>(isId, (issue) => notAnId(issue.input));
