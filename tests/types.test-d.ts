import { describe, expectTypeOf, test } from 'vitest';
import { ClerkCore } from '../src/core.ts';
import type { ClerkEvent } from '../src/events.ts';
import { decodeTicket } from '../src/decodeTicket.ts';
import type { TicketFacts } from '../src/decodeTicket.ts';
import type { ClerkErrorCode } from '../src/errors/codes.ts';
import { signInTokensCreateMany } from '../src/funcs/signInTokensCreateMany.ts';
import { signInUrl } from '../src/signInUrl.ts';
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
} from '../src/errors/index.ts';
import { andThen, map } from '../src/result.ts';
import type { ApiResult, HttpMeta, Result } from '../src/result.ts';
import type { SignInToken } from '../src/models/index.ts';
import { events } from '../src/events.ts';

type Every = InvalidRequestError | SecretKeyError | ClerkAPIError | ConnectionError | TimeoutError | AbortedError | ResponseValidationError | UnexpectedError;

declare const core: ClerkCore;
declare const res0: Awaited<ReturnType<typeof signInTokensCreate>>;

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

	test('the core is nominal: no other object, however shaped, passes for one', () => {
		// @ts-expect-error an empty object is not a ClerkCore
		void signInTokensCreate({}, { userId: 'u' });
		expectTypeOf(new ClerkCore()).toEqualTypeOf<ClerkCore>();
	});

	test('requests refuse unknown fields, as the runtime does', () => {
		// @ts-expect-error expiresIn is not a field (expiresInSeconds is)
		void signInTokensCreate(core, { userId: 'u', expiresIn: 60 });
		// @ts-expect-error timeout is not an option (timeoutMs is)
		void signInTokensCreate(core, { userId: 'u' }, { timeout: 5 });
	});

	test('error codes autocomplete and still take any string', () => {
		expectTypeOf<'sign_in_token_cannot_be_revoked_code'>().toExtend<ClerkErrorCode>();
		expectTypeOf<'a_code_from_next_year'>().toExtend<ClerkErrorCode>();
		if (!res0.ok && res0.error.kind === 'api') {
			expectTypeOf(res0.error.errors[0]?.code).toEqualTypeOf<ClerkErrorCode | undefined>();
			expectTypeOf(res0.error.signInTokenStatus).toEqualTypeOf<SignInToken['status'] | undefined>();
		}
	});

	test('link and ticket helpers return Results', () => {
		expectTypeOf(signInUrl).returns.toEqualTypeOf<Result<string, InvalidRequestError>>();
		expectTypeOf(decodeTicket).returns.toEqualTypeOf<Result<TicketFacts, InvalidRequestError>>();
		expectTypeOf<TicketFacts['expiresAt']>().toBeNumber();
	});

	test("a batch's items keep the caller's request type, and its results the create union", async () => {
		type Row = { userId: string; email: string };
		const rows: Row[] = [];
		for await (const item of signInTokensCreateMany(core, rows)) {
			expectTypeOf(item.index).toBeNumber();
			if (item.request !== undefined) expectTypeOf(item.request).toEqualTypeOf<Row>();
			if (!item.result.ok) expectTypeOf(item.result.error).toExtend<SignInTokensCreateError>();
		}
	});

	test('logger events are a discriminated union', () => {
		const log = (event: ClerkEvent) => {
			if (event.type === 'outcome') expectTypeOf(event.outcome).toEqualTypeOf<'ok' | SignInTokensCreateError['kind']>();
			if (event.type === 'request') expectTypeOf(event.urlTemplate).toBeString();
		};
		void new ClerkCore({ logger: events(log) });
	});
});
