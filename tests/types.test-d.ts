import { describe, expectTypeOf, test } from 'vitest';
import type { ClerkCore } from '../src/core.ts';
import { signInTokensCreate } from '../src/funcs/signInTokensCreate.ts';
import type { SignInTokensCreateError } from '../src/funcs/signInTokensCreate.ts';
import { signInTokensRevoke } from '../src/funcs/signInTokensRevoke.ts';
import type { SignInTokensRevokeError } from '../src/funcs/signInTokensRevoke.ts';
import type {
	AbortedError,
	ClerkAPIError,
	ConnectionError,
	InvalidRequestError,
	ResponseValidationError,
	SecretKeyError,
	TimeoutError,
	UnexpectedError,
} from '../src/lib/errors/index.ts';
import { andThen, map } from '../src/lib/result.ts';
import type { ApiResult, HttpMeta, Result } from '../src/lib/result.ts';
import type { SignInToken } from '../src/models/index.ts';

type Every =
	| InvalidRequestError
	| SecretKeyError
	| ClerkAPIError
	| ConnectionError
	| TimeoutError
	| AbortedError
	| ResponseValidationError
	| UnexpectedError;

declare const core: ClerkCore;

describe('types', () => {
	test('each function names its exact error union', () => {
		expectTypeOf<SignInTokensCreateError>().toEqualTypeOf<Every>();
		expectTypeOf<SignInTokensRevokeError>().toEqualTypeOf<Every>();
		expectTypeOf(signInTokensCreate).returns.resolves.toEqualTypeOf<ApiResult<SignInToken, SignInTokensCreateError>>();
		expectTypeOf(signInTokensRevoke).returns.resolves.toEqualTypeOf<ApiResult<SignInToken, SignInTokensRevokeError>>();
	});

	test('a switch on error.kind is exhaustive', async () => {
		const res = await signInTokensCreate(core, { userId: 'u' });
		if (res.ok) return;
		const kind = (): string => {
			switch (res.error.kind) {
				case 'api':
					expectTypeOf(res.error).toEqualTypeOf<ClerkAPIError>();
					return String(res.error.status);
				case 'invalid-request':
				case 'secret-key':
				case 'connection':
				case 'timeout':
				case 'aborted':
				case 'invalid-response':
				case 'unexpected':
					return res.error.kind;
				default:
					expectTypeOf(res.error).toBeNever();
					return res.error;
			}
		};
		expectTypeOf(kind).returns.toBeString();
	});

	test('ok results carry the token and its HttpMeta and stay assignable to Result', async () => {
		const res = await signInTokensRevoke(core, { signInTokenId: 'sit_1' });
		if (res.ok) {
			expectTypeOf(res.value).toEqualTypeOf<SignInToken>();
			expectTypeOf(res.response).toEqualTypeOf<HttpMeta>();
		}
		expectTypeOf(res).toExtend<Result<SignInToken, SignInTokensRevokeError>>();
	});

	test('SignInToken is camelCase with an open status', () => {
		expectTypeOf<SignInToken['userId']>().toBeString();
		expectTypeOf<SignInToken['createdAt']>().toBeNumber();
		expectTypeOf<SignInToken['url']>().toEqualTypeOf<string | null | undefined>();
		expectTypeOf<'pending'>().toExtend<SignInToken['status']>();
		expectTypeOf<'some-future-status'>().toExtend<SignInToken['status']>();
		expectTypeOf<SignInToken>().not.toHaveProperty('user_id');
	});

	test('requests are typed', () => {
		// @ts-expect-error userId is required
		void signInTokensCreate(core, {});
		// @ts-expect-error expiresInSeconds is a number
		void signInTokensCreate(core, { userId: 'u', expiresInSeconds: '60' });
		void signInTokensCreate(core, { userId: 'u', orgId: null });
		// @ts-expect-error signInTokenId is required
		void signInTokensRevoke(core, {});
	});

	test('helpers keep types through a pipeline', async () => {
		const chained = andThen(signInTokensCreate(core, { userId: 'u' }), (token) => signInTokensRevoke(core, { signInTokenId: token.id }));
		expectTypeOf(chained).resolves.toEqualTypeOf<Result<SignInToken, SignInTokensCreateError | SignInTokensRevokeError>>();
		const ids = map(await signInTokensCreate(core, { userId: 'u' }), (token) => token.id);
		expectTypeOf(ids).toEqualTypeOf<Result<string, SignInTokensCreateError>>();
	});
});
