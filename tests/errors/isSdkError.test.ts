import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { ERROR_KINDS } from '../../src/errors/SdkError.ts';
import { ClerkAPIError } from '../../src/errors/ClerkAPIError.ts';
import { TimeoutError } from '../../src/errors/TimeoutError.ts';
import { isSdkError } from '../../src/errors/isSdkError.ts';

describe('isSdkError', () => {
	test('recognizes an error of this copy', () => {
		expect(isSdkError(new TimeoutError(5))).toBe(true);
	});

	test.each(ERROR_KINDS)('recognizes a %s error built in another realm, by shape', (kind) => {
		const foreign = runInNewContext(`Object.assign(new Error('x'), { kind: ${JSON.stringify(kind)} })`);
		expect(foreign instanceof Error).toBe(false);
		expect(isSdkError(foreign)).toBe(true);
	});

	test.each([
		['a plain object with a kind', { kind: 'api', message: 'x' }],
		['an Error without a kind', new Error('x')],
		['an Error with a foreign kind', Object.assign(new Error('x'), { kind: 'http' })],
		['null', null],
		['a string', 'api'],
	])('refuses %s', (_, value) => {
		expect(isSdkError(value)).toBe(false);
	});

	test('serializes with name and message', () => {
		const error = new ClerkAPIError({ status: 404, errors: [], clerkTraceId: 't', retryAfter: undefined, body: '', headers: {} });
		expect(JSON.parse(JSON.stringify(error))).toEqual({
			name: 'ClerkAPIError',
			kind: 'api',
			status: 404,
			errors: [],
			clerkTraceId: 't',
			body: '',
			headers: {},
			message: 'Request failed with status 404',
		});
	});
});
