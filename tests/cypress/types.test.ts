// The Cypress command's types, as a user's Cypress project sees them: compiled against Cypress's own
// declarations (the cypress package is a devDependency for them; its binary is never installed), so
// `clerkTasks(on)` takes Cypress's `on`, and `cy.signInAs` is on Cypress's `cy` and yields a
// `SignInAsResult`.
import { join } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { compileProject, root } from '../helpers/project.ts';

const FILES = {
	'package.json': '{"type":"module"}',
	'cypress.config.ts': `import { defineConfig } from 'cypress';
import { clerkTasks } from 'clerk-sign-in-tokens/cypress/tasks';
export default defineConfig({
	e2e: {
		setupNodeEvents(on) {
			clerkTasks(on, { core: { secretKey: 'sk_test_x' }, timeoutMs: 20_000 });
		},
	},
});
`,
	'cypress/support/e2e.ts': `import { addClerkCommands } from 'clerk-sign-in-tokens/cypress';
addClerkCommands({ timeoutMs: 20_000 });
`,
	'cypress/e2e/dashboard.cy.ts': `import type { SignInAsFailure, SignInAsResult, SignedIn } from 'clerk-sign-in-tokens/cypress';
it('the dashboard', () => {
	cy.visit('/');
	cy.signInAs({ userId: 'user_1', orgId: 'org_1' }).then((res) => {
		const result: SignInAsResult = res;
		if (result.ok) {
			const signedIn: SignedIn = result.value;
			const organization: string | null = signedIn.organizationId;
			void organization;
		} else {
			const kind: SignInAsFailure = result.error.kind;
			const code: string | undefined = result.error.code;
			void [kind, code];
		}
	});
	cy.signInAs({ userId: 'user_1' }).its('ok').should('eq', true);
	// @ts-expect-error: a request names its user as userId
	cy.signInAs({ user: 'user_1' });
	// @ts-expect-error: the result is a Result, not a session
	cy.signInAs({ userId: 'user_1' }).then((res) => res.sessionId);
});
`,
};

test('a Cypress project using the command and its tasks compiles against Cypress’s declarations, strict', () => {
	const { diagnostics } = compileProject('cypress', FILES, {
		strict: true,
		module: ts.ModuleKind.NodeNext,
		moduleResolution: ts.ModuleResolutionKind.NodeNext,
		types: ['cypress', 'node'],
		typeRoots: [join(root, 'node_modules', '@types'), join(root, 'node_modules')],
		lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
		skipLibCheck: true,
	});

	expect(diagnostics.map((d) => `${d.file?.fileName.split('/projects/cypress/')[1] ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)).toEqual(
		[],
	);
}, 120_000);
