#!/usr/bin/env node
// `npm run test:runtimes`: packs the package and runs the same scenario (scenario.mjs) in every
// runtime users run it on, each installed from the npm registry by tests/runtimes/package.json,
// against a real Clerk-like server on 127.0.0.1. Prints runtime × step; exits 1 on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { build } from 'esbuild';
import { start } from './server.mjs';

const here = new URL('.', import.meta.url).pathname;
const root = join(here, '..', '..');
const work = join(root, '.runtimes');
const bin = (name) => join(here, 'node_modules', '.bin', name);
const KEY = 'sk_test_runtime_matrix_0123456789';
const only = process.argv.slice(2);

// 1. The package as a user gets it: the packed tarball, installed into fresh app folders.
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1);
const app = join(work, 'app');
mkdirSync(app);
// msw 2.x beside the package: the msw check below proves the optional peer's older major works.
writeFileSync(
	join(app, 'package.json'),
	JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { 'clerk-sign-in-tokens': `file:../${tgz}`, msw: '^2.0.0' } }),
);
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent'], { cwd: app, stdio: 'inherit' });
for (const dir of [app]) {
	cpSync(join(here, 'scenario.mjs'), join(dir, 'scenario.mjs'));
	cpSync(join(here, 'entries'), dir, { recursive: true });
}

const run = (command, args, { cwd = app, env = {}, timeoutMs = 60_000 } = {}) =>
	new Promise((resolve) => {
		const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c) => (stdout += c));
		child.stderr.on('data', (c) => (stderr += c));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
		child.on('error', (error) => resolve({ code: -1, stdout, stderr: String(error) }));
	});

// Bun installs the packed tarball itself, with its own installer, into its own app folder.
const bunApp = join(work, 'bun-app');
let bunReady;
function bunInstall() {
	bunReady ??= (async () => {
		mkdirSync(bunApp, { recursive: true });
		writeFileSync(join(bunApp, 'package.json'), JSON.stringify({ name: 'bun-app', private: true, type: 'module' }));
		const added = await run(bin('bun'), ['add', `../${tgz}`], { cwd: bunApp, env: { BUN_INSTALL_CACHE_DIR: join(work, 'bun-cache') } });
		if (added.code !== 0) return { error: `bun add failed: ${added.stderr.trim().slice(-500)}` };
		cpSync(join(here, 'scenario.mjs'), join(bunApp, 'scenario.mjs'));
		cpSync(join(here, 'entries', 'esm.mjs'), join(bunApp, 'esm.mjs'));
		cpSync(join(root, 'examples', 'bun', 'index.ts'), join(bunApp, 'example.ts'));
		return undefined;
	})();
	return bunReady;
}

const fromProcess = (result) => {
	const line = result.stdout.trim().split('\n').at(-1) ?? '';
	try {
		return { steps: JSON.parse(line), code: result.code };
	} catch {
		return { error: `exit ${result.code}: ${(result.stderr || result.stdout).trim().slice(-800)}` };
	}
};

const bundle = async (entry, conditions) => {
	const result = await build({
		entryPoints: [entry],
		nodePaths: [join(app, 'node_modules')],
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		conditions,
		mainFields: ['browser', 'module', 'main'],
		// As wrangler does: a builtin stays an import (the fake's listen(), never called in a Worker).
		external: ['node:*'],
		write: false,
		logLevel: 'error',
	});
	return result.outputFiles[0].text;
};

const env = (base) => ({ RUNTIME_BASE: base, CLERK_SECRET_KEY: KEY });

// Serves a module worker with workerd (the real Workers runtime), its outbound fetch allowed to
// reach loopback, and returns the body of one request to it (or { error }).
async function workerd(code, bindings, path) {
	const dir = join(work, `workerd-${Math.random().toString(36).slice(2)}`);
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'worker.js'), code);
	// The listening socket is made here and handed to workerd (--socket-fd): it exists before workerd
	// starts, so a request simply waits in its backlog — no port guessing, no polling for readiness.
	const listener = createNetServer();
	await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
	const { port } = listener.address();
	const text = Object.entries(bindings)
		.map(([name, value]) => `(name = "${name}", text = "${value}")`)
		.join(', ');
	writeFileSync(
		join(dir, 'config.capnp'),
		`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-11-01",
  globalOutbound = "loopback",
  bindings = [${text}],
);
`,
	);
	// Passed as a raw descriptor (fd 3): Node hands a listening server to a child only that way.
	const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp'), '--socket-fd', 'http=3'], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe', listener._handle.fd],
	});
	listener.close();
	let log = '';
	child.stderr.on('data', (c) => (log += c));
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ error: `workerd exited ${code}: ${log.trim().slice(-800)}` })));
	try {
		// A generous bound, as a safety net only: the request is answered as soon as workerd runs.
		const answered = fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(120_000) }).then(
			(r) => r.text(),
			(e) => ({ error: `workerd did not answer: ${e} ${log.trim().slice(-800)}` }),
		);
		return await Promise.race([answered, exited]);
	} finally {
		child.kill('SIGKILL');
	}
}

// Serves the budget object's Worker and two Workers binding its namespace, each on its own socket,
// and fires eight takes at once, four at each.
async function durableObjects(objectCode, workerCode) {
	const dir = join(work, `workerd-do-${Math.random().toString(36).slice(2)}`);
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'object.js'), objectCode);
	writeFileSync(join(dir, 'worker.js'), workerCode);
	const listeners = [createNetServer(), createNetServer()];
	for (const listener of listeners) await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
	const [pa, pb] = listeners.map((listener) => listener.address().port);
	const binding = '[(name = "BUDGET", durableObjectNamespace = (className = "ClerkBudgetObject", serviceName = "budget"))]';
	writeFileSync(
		join(dir, 'config.capnp'),
		`using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "a", worker = .a), (name = "b", worker = .b), (name = "budget", worker = .budget)],
  sockets = [(name = "ha", address = "127.0.0.1:${pa}", http = (), service = "a"), (name = "hb", address = "127.0.0.1:${pb}", http = (), service = "b")],
);
const budget :Workerd.Worker = (
  modules = [(name = "object.js", esModule = embed "object.js")],
  compatibilityDate = "2026-11-01",
  durableObjectNamespaces = [(className = "ClerkBudgetObject", uniqueKey = "clerk-budget-matrix")],
  durableObjectStorage = (inMemory = void),
);
const a :Workerd.Worker = (modules = [(name = "worker.js", esModule = embed "worker.js")], compatibilityDate = "2026-11-01", bindings = ${binding});
const b :Workerd.Worker = (modules = [(name = "worker.js", esModule = embed "worker.js")], compatibilityDate = "2026-11-01", bindings = ${binding});
`,
	);
	const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp'), '--socket-fd', 'ha=3', '--socket-fd', 'hb=4'], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe', ...listeners.map((listener) => listener._handle.fd)],
	});
	for (const listener of listeners) listener.close();
	let log = '';
	child.stderr.on('data', (c) => (log += c));
	try {
		const take = (port, scope) => fetch(`http://127.0.0.1:${port}/?scope=${scope}`, { signal: AbortSignal.timeout(120_000) }).then((r) => r.json());
		const answers = await Promise.all([pa, pb, pa, pb, pa, pb, pa, pb].map((port) => take(port, 'shared')));
		const other = await take(pa, 'another_key');
		const granted = answers.filter((a) => a.granted);
		const fromBoth = new Set(answers.map((a, i) => (a.granted ? i % 2 : -1)).filter((i) => i >= 0)).size;
		const ok = granted.length === 5 && answers.every((a) => a.note === null && (a.granted || a.kind === 'timeout')) && other.granted === true;
		return ok
			? {
					ok: true,
					detail: `5 of 8 takes granted across both isolates (${fromBoth === 2 ? 'each isolate got some' : 'one isolate got all'}), another key's own window open`,
				}
			: { ok: false, detail: `answers ${JSON.stringify(answers)} other ${JSON.stringify(other)} ${log.trim().slice(-800)}` };
	} catch (error) {
		return { ok: false, detail: `${error} ${log.trim().slice(-800)}` };
	} finally {
		child.kill('SIGKILL');
	}
}

// Evaluates a fetch-event script in edge-runtime (the VM Vercel's Edge Functions run on), with
// `process.env` as Vercel provides it, and returns the body of one request to it.
async function edge(code, processEnv, path) {
	const { EdgeRuntime, runServer } = await import('edge-runtime');
	const runtime = new EdgeRuntime({ initialCode: code, extend: (context) => Object.assign(context, { process: { env: processEnv } }) });
	const server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
	try {
		return await (await fetch(`${server.url.replace(/\/$/, '')}${path}`, { signal: AbortSignal.timeout(30_000) })).text();
	} finally {
		await server.close();
	}
}

const runtimes = {
	'Node 24 (ESM)': async (base) => fromProcess(await run(process.execPath, ['esm.mjs'], { env: env(base) })),
	'Node 24 (CJS)': async (base) => fromProcess(await run(process.execPath, ['cjs.cjs'], { env: env(base) })),
	// The lowest Node that `engines` allows (22.12: require(esm) unflagged), pinned by package.json.
	'Node 22.12 (ESM)': async (base) => fromProcess(await run(bin('node'), ['esm.mjs'], { env: env(base) })),
	'Node 22.12 (CJS)': async (base) => fromProcess(await run(bin('node'), ['cjs.cjs'], { env: env(base) })),
	'Deno 2': async (base) =>
		fromProcess(
			await run(
				bin('deno'),
				['run', '--quiet', '--no-config', '--node-modules-dir=manual', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'esm.mjs'],
				{ env: { ...env(base), DENO_DIR: join(work, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' } },
			),
		),
	'Bun 1': async (base) => {
		const added = await bunInstall();
		if (added) return added;
		return fromProcess(await run(bin('bun'), ['run', 'esm.mjs'], { cwd: bunApp, env: env(base) }));
	},
	'Cloudflare workerd': async (base) => {
		const text = await workerd(await bundle(join(app, 'worker.mjs'), ['workerd', 'worker', 'browser']), env(base), '/');
		return typeof text === 'string' ? { steps: JSON.parse(text) } : text;
	},
	'Vercel Edge (edge-runtime)': async (base) => {
		const text = await edge(await bundle(join(app, 'edge.mjs'), ['edge-light', 'worker', 'browser']), {}, `/?base=${encodeURIComponent(base)}&key=${KEY}`);
		return typeof text === 'string' ? { steps: JSON.parse(text) } : text;
	},
};

const STEPS = ['1 create', '2 revoke', '3 revoke again', '4 429 then 200', '5 timeout', '6 abort', '7 invalid input'];
const results = {};
for (const [name, runtime] of Object.entries(runtimes)) {
	if (only.length > 0 && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
	const server = await start();
	const began = Date.now();
	let result;
	try {
		result = await runtime(server.base);
	} catch (error) {
		result = { error: String(error?.stack ?? error) };
	} finally {
		await server.close();
	}
	results[name] = { ...result, ms: Date.now() - began };
	const steps = result.steps ?? [];
	const cells = STEPS.map((step) => {
		const found = steps.find((s) => s.step === step);
		return found ? (found.ok ? 'ok' : 'FAIL') : '—';
	});
	console.log(`${name.padEnd(28)} ${cells.map((c) => c.padEnd(5)).join(' ')} ${result.error ? `ERROR ${result.error}` : `${results[name].ms} ms`}`);
	for (const s of steps.filter((s) => !s.ok)) console.log(`    ${s.step}: ${s.detail}`);
}

// 2. The examples, each on its runtime, against the same server: they must print the ticket URL.
const exampleEnv = (base) => ({ CLERK_SECRET_KEY: KEY, CLERK_API_URL: `${base}/v1` });
cpSync(join(root, 'examples', 'node', 'index.mjs'), join(app, 'example-node.mjs'));
cpSync(join(root, 'examples', 'deno', 'main.ts'), join(app, 'example-deno.ts'));
const denoArgs = ['run', '--quiet', '--no-config', '--node-modules-dir=manual', '--allow-net=127.0.0.1', '--allow-env', '--allow-read'];
const denoEnv = { DENO_DIR: join(work, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' };
const printed = (result) =>
	result.code === 0 ? result.stdout.trim() : { error: `exit ${result.code}: ${(result.stderr || result.stdout).trim().slice(-500)}` };
const examples = {
	'examples/node (Node 24)': async (base) => printed(await run(process.execPath, ['example-node.mjs', 'user_123'], { env: exampleEnv(base) })),
	'examples/deno (Deno 2)': async (base) =>
		printed(await run(bin('deno'), [...denoArgs, 'example-deno.ts', 'user_123'], { env: { ...exampleEnv(base), ...denoEnv } })),
	'examples/bun (Bun 1)': async (base) =>
		(await bunInstall()) ?? printed(await run(bin('bun'), ['run', 'example.ts', 'user_123'], { cwd: bunApp, env: exampleEnv(base) })),
	'examples/cloudflare-worker (workerd)': async (base) =>
		workerd(
			await bundle(join(root, 'examples', 'cloudflare-worker', 'src', 'index.ts'), ['workerd', 'worker', 'browser']),
			exampleEnv(base),
			'/?user_id=user_123',
		),
	'examples/vercel-edge (edge-runtime)': async (base) => {
		const wrapper = join(app, 'vercel-edge-entry.mjs');
		writeFileSync(
			wrapper,
			`import handler from ${JSON.stringify(join(root, 'examples', 'vercel-edge', 'api', 'sign-in-link.ts'))};\naddEventListener('fetch', (event) => event.respondWith(handler(event.request)));\n`,
		);
		return edge(await bundle(wrapper, ['edge-light', 'worker', 'browser']), exampleEnv(base), '/api/sign-in-link?user_id=user_123');
	},
};
const checks = {};
for (const [name, example] of Object.entries(examples)) {
	if (only.length > 0 && !only.some((o) => name.toLowerCase().includes(o.toLowerCase()))) continue;
	const server = await start();
	try {
		const out = await example(server.base);
		const issued = (await (await fetch(`${server.base}/__requests`)).json()).at(-1);
		checks[name] =
			typeof out === 'string' &&
			/^https:\/\/example\.accounts\.dev\/v1\/tickets\/accept\?ticket=/.test(out) &&
			issued?.headers.authorization === `Bearer ${KEY}`
				? { ok: true, detail: 'printed the ticket URL' }
				: { ok: false, detail: typeof out === 'string' ? `printed ${JSON.stringify(out.slice(0, 300))}` : out.error };
	} catch (error) {
		checks[name] = { ok: false, detail: String(error?.stack ?? error) };
	} finally {
		await server.close();
	}
}

// 3. Tree-shaking as users get it: a Worker bundle of one operation holds none of the other, and
// Result helpers it does not import cost nothing.
if (only.length === 0 || only.includes('shake')) {
	const worker = async (source) => {
		const file = join(app, `shake-${Math.random().toString(36).slice(2)}.mjs`);
		writeFileSync(file, source);
		const result = await build({
			entryPoints: [file],
			bundle: true,
			minify: true,
			format: 'esm',
			platform: 'neutral',
			conditions: ['workerd', 'worker', 'browser'],
			mainFields: ['browser', 'module', 'main'],
			write: false,
			logLevel: 'error',
		});
		return result.outputFiles[0].text;
	};
	const P = 'clerk-sign-in-tokens';
	const createOnly = await worker(
		`import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; export default { fetch: (r, env) => signInTokensCreate(new ClerkCore({ secretKey: env.K }), { userId: 'u' }).then((x) => Response.json(x)) };`,
	);
	const revokeOnly = await worker(
		`import { ClerkCore } from '${P}/core'; import { signInTokensRevoke } from '${P}/funcs/signInTokensRevoke'; export default { fetch: (r, env) => signInTokensRevoke(new ClerkCore({ secretKey: env.K }), { signInTokenId: 's' }).then((x) => Response.json(x)) };`,
	);
	const withHelpers =
		await worker(`import { ClerkCore } from '${P}/core'; import { signInTokensCreate } from '${P}/funcs/signInTokensCreate'; import { map, mapErr, andThen, match, unwrap, unwrapOr } from '${P}/result';
		export default { fetch: async (r, env) => { const x = await signInTokensCreate(new ClerkCore({ secretKey: env.K }), { userId: 'u' }); return Response.json([map(x, String), mapErr(x, String), await andThen(x, (v) => x), match(x, String, String), unwrapOr(x, 0), x.ok && unwrap(x)]); } };`);
	const problems = [];
	if (createOnly.includes('/revoke')) problems.push('create-only bundle holds the revoke path');
	if (revokeOnly.includes('expires_in_seconds')) problems.push('revoke-only bundle holds the create body');
	if (revokeOnly.includes('"sign_in_tokens"')) problems.push('revoke-only bundle holds the create path');
	if (withHelpers.length - createOnly.length < 150)
		problems.push(`helpers cost only ${withHelpers.length - createOnly.length} B, so they are not shaken when unused`);
	checks['tree-shaking (Worker bundles)'] =
		problems.length === 0
			? { ok: true, detail: `create-only ${createOnly.length} B, revoke-only ${revokeOnly.length} B, +helpers ${withHelpers.length - createOnly.length} B` }
			: { ok: false, detail: problems.join('; ') };
}

// 4. JSR: the source publishes cleanly for Deno users (dry run; nothing is published).
if (only.length === 0 || only.includes('jsr')) {
	// No --allow-slow-types: every exported symbol has an explicit type.
	const dry = await run(bin('deno'), ['publish', '--dry-run', '--allow-dirty'], { cwd: root, env: denoEnv, timeoutMs: 180_000 });
	checks['deno publish --dry-run (jsr.json)'] =
		dry.code === 0 ? { ok: true, detail: 'dry run complete' } : { ok: false, detail: (dry.stderr || dry.stdout).trim().slice(-800) };
}

// 5. msw 2.x: the optional peer's previous major serves the fake too (msw 3 is in the unit tests).
// What runs is docs/testing.md's msw 2 snippet itself, then a create through it.
if (only.length === 0 || only.includes('msw')) {
	const docs = readFileSync(join(root, 'docs', 'testing.md'), 'utf8');
	const snippet = /^<!-- msw 2 -->\n```ts\n([\s\S]*?)^```$/m.exec(docs)?.[1];
	if (!snippet) throw new Error('docs/testing.md has no <!-- msw 2 --> snippet');
	writeFileSync(
		join(app, 'msw2.mjs'),
		`${snippet}
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { createRequire } from 'node:module';
const res = await signInTokensCreate(new ClerkCore({ secretKey: fake.secretKey }), { userId: 'user_123' });
server.close();
console.log(JSON.stringify({ ok: res.ok, msw: createRequire(import.meta.url)('msw/package.json').version }));
`,
	);
	const result = await run(process.execPath, ['msw2.mjs']);
	let out;
	try {
		out = JSON.parse(result.stdout.trim().split('\n').at(-1));
	} catch {
		out = undefined;
	}
	checks['msw 2.x handlers (Node 24)'] =
		out?.ok && out.msw.startsWith('2.')
			? { ok: true, detail: `msw ${out.msw} ran docs/testing.md's msw 2 snippet and served a create from the fake` }
			: { ok: false, detail: (result.stderr || result.stdout).trim().slice(-800) };
}

// 6. Cloudflare's vitest integration: tests running inside workerd use the fake's fetch (nock cannot
// run there). The packed package is installed beside the plugin for this run only.
if (only.length === 0 || only.includes('vitest')) {
	execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--silent', join(work, tgz)], { cwd: here, stdio: 'inherit' });
	const tested = await run(bin('vitest'), ['run'], { cwd: join(here, 'workers'), timeoutMs: 300_000 });
	const passed = /Tests\s+(\d+) passed/.exec(stripVTControlCharacters(tested.stdout));
	checks['vitest in workerd (@cloudflare/vitest-plugin)'] =
		tested.code === 0
			? { ok: true, detail: `${passed?.[1] ?? '?'} tests passed inside workerd` }
			: { ok: false, detail: (tested.stdout + tested.stderr).trim().slice(-1500) };
}

// 7. The Durable Object budget in workerd, with real Durable Object bindings: two Workers (two
// isolates) bind one namespace whose class is exported by a third; eight takes fired at once, four
// through each, against a limit of five per minute: exactly five are granted, whichever isolate
// asked: each take is a create through a core with the budget, whose 1.5 s deadline gives up a
// take that must wait (kind 'timeout').
if (only.length === 0 || only.includes('durable-object')) {
	writeFileSync(
		join(app, 'budget-object.mjs'),
		`export { ClerkBudgetObject } from 'clerk-sign-in-tokens/budget/durable-object';\nexport default { fetch: () => new Response('budget') };\n`,
	);
	writeFileSync(
		join(app, 'budget-worker.mjs'),
		`import { durableObjectBudget } from 'clerk-sign-in-tokens/budget/durable-object';
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { events } from 'clerk-sign-in-tokens/events';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { createFakeClerk } from 'clerk-sign-in-tokens/testing';
export default {
	async fetch(request, env) {
		// Each isolate answers from its own fake; only the budget is shared, through the object.
		const scope = new URL(request.url).searchParams.get('scope');
		const fake = createFakeClerk({ secretKey: 'sk_test_' + scope, users: ['user_budget'] });
		const notes = [];
		const budget = durableObjectBudget(env.BUDGET, { limit: 5, windowMs: 60_000, marginMs: 0, engineTimeoutMs: 20_000 });
		const core = new ClerkCore({
			secretKey: fake.secretKey,
			transport: fake.transport,
			budget,
			timeoutMs: 1500,
			logger: events((event) => { if (event.type === 'budget') notes.push(event.note); }),
		});
		const result = await signInTokensCreate(core, { userId: 'user_budget' });
		return Response.json({ granted: result.ok, kind: result.ok ? null : result.error.kind, ...(result.ok ? {} : { message: result.error.message }), note: notes[0] ?? null });
	},
};
`,
	);
	checks['Durable Object budget across isolates (workerd)'] = await durableObjects(
		await bundle(join(app, 'budget-object.mjs'), ['workerd', 'worker', 'browser']),
		await bundle(join(app, 'budget-worker.mjs'), ['workerd', 'worker', 'browser']),
	);
}

console.log('');
for (const [name, check] of Object.entries(checks)) console.log(`${name.padEnd(40)} ${check.ok ? 'ok  ' : 'FAIL'} ${check.detail}`);

const failed =
	Object.values(results).some((r) => r.error || !r.steps || !STEPS.every((step) => r.steps.some((s) => s.step === step)) || r.steps.some((s) => !s.ok)) ||
	Object.values(checks).some((c) => !c.ok);
writeFileSync(join(work, 'results.json'), JSON.stringify({ results, checks }, null, 2));
console.log(
	failed
		? '\nruntime matrix: FAILED'
		: `\nruntime matrix: ${Object.keys(results).length} runtimes × ${STEPS.length} steps, ${Object.keys(checks).length} checks passed`,
);
process.exitCode = failed ? 1 : 0;
