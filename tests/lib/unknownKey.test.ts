import { expect, test } from 'vitest';
import { unknownKey } from '../../src/lib/unknownKey.ts';

const KNOWN = ['secretKey', 'serverURL', 'timeoutMs', 'retry', 'userId', 'expiresInSeconds'];

test.each([
	['apiUrl', 'has an unknown option "apiUrl" (did you mean serverURL?)'],
	['SECRET_KEY', 'has an unknown option "SECRET_KEY" (did you mean secretKey?)'],
	['expires-in', 'has an unknown option "expires-in" (did you mean expiresInSeconds?)'],
	['colour', 'has an unknown option "colour"'],
	['sk_live_abc', 'has an unknown option'],
	['pk_test_abc', 'has an unknown option'],
	['with space', 'has an unknown option'],
	['x'.repeat(40), 'has an unknown option'],
])('%s', (name, message) => {
	expect(unknownKey(name, KNOWN, 'option')).toBe(message);
});
