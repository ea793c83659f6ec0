// Both forms of every Result helper infer their types: data-first, and data-last inside the `pipe`s
// users bring (Effect's, remeda's, a hand-written one).
import { pipe as effectPipe } from 'effect';
import { pipe as remedaPipe } from 'remeda';
import { describe, expectTypeOf, test } from 'vitest';
import type { SignInTokensCreateError } from '../src/funcs/signInTokensCreate.ts';
import type { SignInToken } from '../src/models/signInToken.ts';
import { andThen, err, map, mapErr, match, ok, unwrap, unwrapOr } from '../src/result.ts';
import type { Result } from '../src/result.ts';

declare const created: Result<SignInToken, SignInTokensCreateError>;
declare const promised: Promise<Result<SignInToken, SignInTokensCreateError>>;
declare const revoke: (token: SignInToken) => Promise<Result<SignInToken, SignInTokensCreateError>>;

function pipe<A, B>(a: A, ab: (a: A) => B): B;
function pipe<A, B, C>(a: A, ab: (a: A) => B, bc: (b: B) => C): C;
function pipe(a: unknown, ...fns: ((x: unknown) => unknown)[]): unknown {
	return fns.reduce((x, fn) => fn(x), a);
}

describe('data-first and data-last infer alike', () => {
	test('map', () => {
		expectTypeOf(map(created, (t) => t.id)).toEqualTypeOf<Result<string, SignInTokensCreateError>>();
		expectTypeOf(map((t: SignInToken) => t.id)(created)).toEqualTypeOf<Result<string, SignInTokensCreateError>>();
		expectTypeOf(
			pipe(
				created,
				map((t) => t.id),
			),
		).toEqualTypeOf<Result<string, SignInTokensCreateError>>();
		expectTypeOf(
			effectPipe(
				created,
				map((t) => t.createdAt),
			),
		).toEqualTypeOf<Result<number, SignInTokensCreateError>>();
		expectTypeOf(
			remedaPipe(
				created,
				map((t) => t.createdAt),
			),
		).toEqualTypeOf<Result<number, SignInTokensCreateError>>();
	});

	test('mapErr', () => {
		expectTypeOf(mapErr(created, (e) => e.kind)).toEqualTypeOf<Result<SignInToken, SignInTokensCreateError['kind']>>();
		expectTypeOf(
			pipe(
				created,
				mapErr((e) => e.kind),
			),
		).toEqualTypeOf<Result<SignInToken, SignInTokensCreateError['kind']>>();
	});

	test('andThen, sync and async, over results and promised results', () => {
		const check = (t: SignInToken): Result<string, 'no url'> => (t.url ? ok(t.url) : err('no url'));
		expectTypeOf(andThen(created, check)).toEqualTypeOf<Result<string, SignInTokensCreateError | 'no url'>>();
		expectTypeOf(andThen(promised, check)).toEqualTypeOf<Promise<Result<string, SignInTokensCreateError | 'no url'>>>();
		expectTypeOf(andThen(created, revoke)).toEqualTypeOf<Promise<Result<SignInToken, SignInTokensCreateError>>>();
		expectTypeOf(pipe(created, andThen(check))).toEqualTypeOf<Result<string, SignInTokensCreateError | 'no url'>>();
		expectTypeOf(pipe(promised, andThen(check))).toEqualTypeOf<Promise<Result<string, SignInTokensCreateError | 'no url'>>>();
		expectTypeOf(effectPipe(created, andThen(revoke))).toEqualTypeOf<Promise<Result<SignInToken, SignInTokensCreateError>>>();
		expectTypeOf(effectPipe(promised, andThen(revoke))).toEqualTypeOf<Promise<Result<SignInToken, SignInTokensCreateError>>>();
		// A step written inline learns its value's type from the pipe.
		expectTypeOf(
			pipe(
				created,
				andThen((t) => ok(t.id)),
			),
		).toEqualTypeOf<Result<string, SignInTokensCreateError>>();
		expectTypeOf(
			pipe(
				promised,
				andThen((t) => ok(t.id)),
			),
		).toEqualTypeOf<Promise<Result<string, SignInTokensCreateError>>>();
		expectTypeOf(
			effectPipe(
				promised,
				andThen(async (t) => ok(t.id)),
			),
		).toEqualTypeOf<Promise<Result<string, SignInTokensCreateError>>>();
		expectTypeOf(
			remedaPipe(
				created,
				andThen(async (t) => ok(t.createdAt)),
			),
		).toEqualTypeOf<Promise<Result<number, SignInTokensCreateError>>>();
	});

	test('match, with two handlers or one object', () => {
		expectTypeOf(
			match(
				created,
				(t) => t.id,
				(e) => e.kind,
			),
		).toEqualTypeOf<string>();
		expectTypeOf(match(created, { ok: (t) => t.createdAt, err: () => 0 })).toEqualTypeOf<number>();
		expectTypeOf(
			pipe(
				created,
				match(
					(t) => t.id,
					(e) => e.kind,
				),
			),
		).toEqualTypeOf<string>();
		expectTypeOf(pipe(created, match({ ok: (t) => t.createdAt, err: () => 'none' as const }))).toEqualTypeOf<number | 'none'>();
	});

	test('unwrap and unwrapOr', () => {
		expectTypeOf(unwrap(created)).toEqualTypeOf<SignInToken>();
		expectTypeOf(pipe(created, unwrap)).toEqualTypeOf<SignInToken>();
		expectTypeOf(unwrapOr(created, null)).toEqualTypeOf<SignInToken | null>();
		expectTypeOf(pipe(created, unwrapOr(null))).toEqualTypeOf<SignInToken | null>();
		expectTypeOf(
			pipe(
				created,
				map((t) => t.id),
				unwrapOr(''),
			),
		).toEqualTypeOf<string>();
	});
});
