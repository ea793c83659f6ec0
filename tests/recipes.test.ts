// The recipes of docs/pipelines.md, run: each snippet, as written there, against the in-memory fake
// (docs compile in tests/readme.test.ts). Its `clerk-sign-in-tokens/…` imports are pointed at the
// sources; `clerk` is the fake's core.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Effect, Either } from 'effect';
import { beforeAll, describe, expect, test } from 'vitest';
import { ENTRIES } from '../tsup.config.ts';
import { ClerkCore } from '../src/core.ts';
import { createFakeClerk } from '../src/testing/index.ts';
import { root } from './helpers/project.ts';

const page = readFileSync(join(root, 'docs', 'pipelines.md'), 'utf8');
const recipe = (name: string) => {
	const code = new RegExp(`^<!-- recipe: ${name} -->\\n\`\`\`ts\\n([\\s\\S]*?)^\`\`\`$`, 'm').exec(page)?.[1];
	if (!code) throw new Error(`docs/pipelines.md has no recipe "${name}"`);
	return code.replace(/'clerk-sign-in-tokens\/([\w/-]+)'/g, (_, subpath: string) => `'${join(root, ENTRIES[subpath] ?? '')}'`);
};
const dir = join(root, '.tmp', 'recipes');
const load = async <M>(name: string): Promise<M> => {
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `${name}.ts`);
	writeFileSync(file, `declare const clerk: import('${join(root, 'src/core.ts')}').ClerkCore;\n${recipe(name)}`);
	return (await import(/* @vite-ignore */ file)) as M;
};

const fake = createFakeClerk({ users: ['user_123'] });
beforeAll(() => {
	(globalThis as { clerk?: ClerkCore }).clerk = new ClerkCore({ transport: fake.transport, secretKey: fake.secretKey });
});

describe('docs/pipelines.md recipes, run', () => {
	test('a plain pipe: create, revoke, status, folded', async () => {
		const { createThenRevoke } = await load<{ createThenRevoke(userId: string): Promise<string> }>('pipe');

		expect(await createThenRevoke('user_123')).toBe('token revoked');
		expect(await createThenRevoke('user_nobody')).toBe('failed: api');
	});

	test('Effect: the value in the success channel, the exact error union in the failure one', async () => {
		const { signInLink } = await load<{ signInLink(userId: string): Effect.Effect<string, { kind: string } | 'no url'> }>('effect');

		const link = await Effect.runPromise(Effect.either(signInLink('user_123')));
		const missing = await Effect.runPromise(Effect.either(signInLink('user_nobody')));

		expect(Either.isRight(link) && link.right).toMatch(/^https:\/\/fake-instance\.clerk\.accounts\.dev\/v1\/tickets\/accept\?ticket=/);
		expect(Either.isLeft(missing) && missing.left).toMatchObject({ kind: 'api', status: 404 });
	});

	test('neverthrow: a ResultAsync, chained, with the union of both functions as its error', async () => {
		const { createThenRevoke } = await load<{
			createThenRevoke(userId: string): PromiseLike<{ isOk(): boolean; isErr(): boolean; value?: unknown; error?: unknown }>;
		}>('neverthrow');

		const done = await createThenRevoke('user_123');
		const failed = await createThenRevoke('user_nobody');

		expect(done.isOk() && done.value).toBe('revoked');
		expect(failed.isErr() && failed.error).toMatchObject({ kind: 'api', status: 404 });
	});
});
