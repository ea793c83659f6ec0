import * as v from 'valibot';

/** Longest ID accepted; Clerk IDs are ~30 characters, so this only stops runaway input. */
export const MAX_ID_LENGTH = 256;

// What no Clerk ID holds (IDs are a prefix and base62: `user_2abc…`): whitespace, control and
// format characters (zero-width spaces, bidi marks) — what a copy-paste brings in and no eye sees,
// and what Clerk answers with a 404 that looks like a missing user.
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;
const NAMES: Record<string, string> = { ' ': 'a space', '\t': 'a tab', '\n': 'a line feed', '\r': 'a carriage return' };

/**
 * Why a value is not an ID of the kind named, or `undefined` when it is one. A credential (a
 * ticket, an API key) or a link pasted in its place is named as such, and never quoted.
 *
 * @param id The value.
 * @param wanted What belongs there, for the hint: "the token's `id` (sit_…)".
 * @returns The issue's message, or `undefined`.
 * @internal
 */
export function idIssue(id: unknown, wanted: string): string | undefined {
	if (typeof id !== 'string') return 'must be a string';
	if (id === '') return 'must not be empty';
	// Checked before the length: a production ticket (RS256) is ~470 characters.
	if (/^eyJ[\w-]*\.[\w-]*\./.test(id)) return `is a ticket (a sign-in token's \`token\`, a JWT); pass ${wanted}`;
	if (/^https?:/i.test(id) || id.includes('__clerk_ticket')) return `is a link; pass ${wanted}`;
	// A key pasted into an ID field must not travel, even to Clerk, nor be echoed back in its 404.
	if (/^[sp]k_/.test(id)) return `is an API key; pass ${wanted}`;
	const found = INVISIBLE.exec(id);
	if (found) {
		const char = found[0];
		const name = NAMES[char] ?? `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
		return `holds ${name} at character ${found.index + 1}; IDs never hold whitespace, control or invisible characters`;
	}
	return id.length > MAX_ID_LENGTH ? `must be at most ${MAX_ID_LENGTH} characters` : undefined;
}

/**
 * An ID field's schema: a non-empty, bounded string without whitespace or control characters.
 *
 * @param wanted What belongs there, for the hint of a misplaced ticket or link.
 * @returns The schema.
 * @internal
 */
export const idSchema = (wanted: string) =>
	v.custom<string>(
		(id) => idIssue(id, wanted) === undefined,
		(issue) => idIssue(issue.input, wanted) ?? '',
	);
