import { expect, test } from 'vitest';
import { unknownKey } from '../../src/lib/unknownKey.ts';

const KNOWN = ['secretKey', 'serverURL', 'timeoutMs', 'retry', 'userId', 'expiresInSeconds'];

test.each([
	['apiUrl', 'has an unknown option "apiUrl" (did you mean serverURL?)'],
	['SECRET_KEY', 'has an unknown option "SECRET_KEY" (did you mean secretKey?)'],
	['expires-in', 'has an unknown option "expires-in" (did you mean expiresInSeconds?)'],
	['colour', 'has an unknown option "colour"'],
	// One typo apart: a letter dropped, added, changed, or two swapped.
	['usrId', 'has an unknown option "usrId" (did you mean userId?)'],
	['secretKeyy', 'has an unknown option "secretKeyy" (did you mean secretKey?)'],
	['serverURI', 'has an unknown option "serverURI" (did you mean serverURL?)'],
	['retyr', 'has an unknown option "retyr" (did you mean retry?)'],
	// Two typos, or a short name, are not guessed at.
	['rty', 'has an unknown option "rty"'],
	['secrtKy', 'has an unknown option "secrtKy"'],
	['sk_live_abc', 'has an unknown option'],
	['pk_test_abc', 'has an unknown option'],
	['with space', 'has an unknown option'],
	['x'.repeat(40), 'has an unknown option'],
])('%s', (name, message) => {
	expect(unknownKey(name, KNOWN, 'option')).toBe(message);
});
