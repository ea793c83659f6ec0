#!/usr/bin/env node
// `npm run test:runtimes`: packs the package and runs the same scenario (scenario.mjs) in every
// runtime users run it on, each installed from the npm registry by tests/runtimes/package.json,
// against a real Clerk-like server on 127.0.0.1. Prints runtime × step; exits 1 on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { 'clerk-sign-in-tokens': `file:../${tgz}` } }));
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
		entryPoints: [join(app, entry)],
		bundle: true,
		format: 'esm',
		platform: 'neutral',
		conditions,
		mainFields: ['browser', 'module', 'main'],
		write: false,
		logLevel: 'error',
	});
	return result.outputFiles[0].text;
};

const env = (base) => ({ RUNTIME_BASE: base, CLERK_SECRET_KEY: KEY });

const runtimes = {
	'Node 24 (ESM)': async (base) => fromProcess(await run(process.execPath, ['esm.mjs'], { env: env(base) })),
	'Node 24 (CJS)': async (base) => fromProcess(await run(process.execPath, ['cjs.cjs'], { env: env(base) })),
	'Node 22 (ESM)': async (base) => fromProcess(await run(bin('node'), ['esm.mjs'], { env: env(base) })),
	'Node 22 (CJS)': async (base) => fromProcess(await run(bin('node'), ['cjs.cjs'], { env: env(base) })),
	'Deno 2': async (base) =>
		fromProcess(await run(bin('deno'), ['run', '--quiet', '--no-config', '--node-modules-dir=manual', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'esm.mjs'], { env: { ...env(base), DENO_DIR: join(work, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' } })),
	'Bun 1': async (base) => {
		const bunApp = join(work, 'bun-app');
		mkdirSync(bunApp, { recursive: true });
		writeFileSync(join(bunApp, 'package.json'), JSON.stringify({ name: 'bun-app', private: true, type: 'module' }));
		const added = await run(bin('bun'), ['add', `../${tgz}`], { cwd: bunApp, env: { BUN_INSTALL_CACHE_DIR: join(work, 'bun-cache') } });
		if (added.code !== 0) return { error: `bun add failed: ${added.stderr.trim().slice(-500)}` };
		cpSync(join(here, 'scenario.mjs'), join(bunApp, 'scenario.mjs'));
		cpSync(join(here, 'entries', 'esm.mjs'), join(bunApp, 'esm.mjs'));
		return fromProcess(await run(bin('bun'), ['run', 'esm.mjs'], { cwd: bunApp, env: env(base) }));
	},
	'Cloudflare workerd': async (base) => {
		const dir = join(work, 'workerd');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'worker.js'), await bundle('worker.mjs', ['workerd', 'worker', 'browser']));
		const port = 20_000 + Math.floor(Math.random() * 20_000);
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
  bindings = [(name = "RUNTIME_BASE", text = "${base}"), (name = "CLERK_SECRET_KEY", text = "${KEY}")],
);
`,
		);
		const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
		let log = '';
		child.stderr.on('data', (c) => (log += c));
		try {
			for (let attempt = 0; attempt < 50; attempt++) {
				try {
					const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(30_000) });
					return { steps: await response.json() };
				} catch (error) {
					if (child.exitCode !== null) return { error: `workerd exited ${child.exitCode}: ${log.trim().slice(-800)}` };
					await new Promise((r) => setTimeout(r, 200));
				}
			}
			return { error: `workerd did not answer: ${log.trim().slice(-800)}` };
		} finally {
			child.kill('SIGKILL');
		}
	},
	'Vercel Edge (edge-runtime)': async (base) => {
		const { EdgeRuntime, runServer } = await import('edge-runtime');
		const runtime = new EdgeRuntime({ initialCode: await bundle('edge.mjs', ['edge-light', 'worker', 'browser']) });
		const server = await runServer({ runtime, port: 0, host: '127.0.0.1' });
		try {
			const url = `${server.url}?base=${encodeURIComponent(base)}&key=${KEY}`;
			return { steps: await (await fetch(url, { signal: AbortSignal.timeout(30_000) })).json() };
		} finally {
			await server.close();
		}
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

const failed = Object.values(results).some((r) => r.error || !r.steps || r.steps.length !== STEPS.length || r.steps.some((s) => !s.ok));
writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
console.log(failed ? '\nruntime matrix: FAILED' : `\nruntime matrix: ${Object.keys(results).length} runtimes × ${STEPS.length} steps passed`);
process.exitCode = failed ? 1 : 0;
