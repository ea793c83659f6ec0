// The scenario every runtime runs, against the harness's Clerk-like server. It takes the SDK's
// functions as loaded by the runtime (ESM import, CJS require, a Worker bundle…), so the same
// steps prove each loading path. Every step asserts; the result lists runtime × step outcomes.

const KEY_HEADER = (key) => `Bearer ${key}`;

/**
 * @param {{ ClerkCore: any, signInTokensCreate: any, signInTokensRevoke: any, policy: any }} sdk
 * @param {{ base: string, key: string }} env `base` is the server origin (http://127.0.0.1:port)
 * @returns {Promise<{ step: string, ok: boolean, detail: string }[]>}
 */
export async function scenario(sdk, { base, key }) {
	const { ClerkCore, signInTokensCreate, signInTokensRevoke, policy } = sdk;
	const clerk = new ClerkCore({ secretKey: key, serverURL: `${base}/v1`, retry: policy({ jitter: false }) });
	const steps = [];
	const seen = async () => (await fetch(`${base}/__requests`)).json();
	const step = async (name, body) => {
		try {
			const detail = await body();
			steps.push({ step: name, ok: true, detail: detail ?? '' });
		} catch (error) {
			steps.push({ step: name, ok: false, detail: String(error?.message ?? error) });
		}
	};
	const expect = (cond, message) => {
		if (!cond) throw new Error(message);
	};
	const same = (actual, expected, what) => {
		const a = JSON.stringify(actual);
		const e = JSON.stringify(expected);
		if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
	};

	let id;
	await step('1 create', async () => {
		const res = await signInTokensCreate(clerk, { userId: 'user_123', expiresInSeconds: 600 });
		expect(res.ok, `not ok: ${res.error?.kind} ${res.error?.message}`);
		same([res.response.status, res.response.traceId], [200, 'trace_runtime_ok'], 'status and trace id');
		const v = res.value;
		same(Object.keys(v).sort(), ['createdAt', 'id', 'object', 'status', 'token', 'updatedAt', 'url', 'userId'], 'keys');
		same([v.object, v.status, v.userId, typeof v.createdAt], ['sign_in_token', 'pending', 'user_123', 'number'], 'token');
		const [request] = (await seen()).slice(-1);
		same([request.method, request.path], ['POST', '/v1/sign_in_tokens'], 'request line');
		same(request.headers.authorization, KEY_HEADER(key), 'authorization');
		same(request.headers['clerk-api-version'], '2026-05-12', 'clerk-api-version');
		same(request.headers['content-type'], 'application/json', 'content-type');
		same(request.headers.accept, 'application/json', 'accept');
		same(request.body, '{"user_id":"user_123","expires_in_seconds":600}', 'body');
		id = v.id;
		return v.id;
	});

	await step('2 revoke', async () => {
		const res = await signInTokensRevoke(clerk, { signInTokenId: id });
		expect(res.ok, `not ok: ${res.error?.kind} ${res.error?.message}`);
		same([res.value.id, res.value.status], [id, 'revoked'], 'revoked token');
		const [request] = (await seen()).slice(-1);
		same([request.method, request.path, request.body], ['POST', `/v1/sign_in_tokens/${id}/revoke`, ''], 'request');
	});

	await step('3 revoke again', async () => {
		const res = await signInTokensRevoke(clerk, { signInTokenId: id });
		expect(!res.ok, 'unexpectedly ok');
		same(
			[res.error.kind, res.error.status, res.error.errors[0]?.code, res.error.signInTokenStatus],
			['api', 400, 'sign_in_token_cannot_be_revoked_code', 'revoked'],
			'error',
		);
		same(res.error.clerkTraceId, 'trace_runtime_matrix', 'trace id');
		expect(res.error instanceof Error, 'not an Error');
	});

	await step('4 429 then 200', async () => {
		const before = (await seen()).length;
		const res = await signInTokensCreate(clerk, { userId: 'user_429_once' });
		expect(res.ok, `not ok: ${res.error?.kind} ${res.error?.message}`);
		same((await seen()).length - before, 2, 'attempts');
	});

	await step('5 timeout', async () => {
		const started = Date.now();
		const res = await signInTokensCreate(clerk, { userId: 'user_hang' }, { timeoutMs: 300 });
		const elapsed = Date.now() - started;
		same([res.ok, res.error?.kind], [false, 'timeout'], 'result');
		expect(elapsed < 2_000, `settled after ${elapsed} ms`);
		return `${elapsed} ms`;
	});

	await step('6 abort', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 100);
		const res = await signInTokensCreate(clerk, { userId: 'user_slow' }, { signal: controller.signal });
		same([res.ok, res.error?.kind], [false, 'aborted'], 'result');
	});

	await step('7 invalid input', async () => {
		const before = (await seen()).length;
		const a = await signInTokensCreate(clerk, { userId: '' });
		const b = await signInTokensRevoke(clerk, { signInTokenId: '../x' });
		same([a.error?.kind, b.error?.kind], ['invalid-request', 'invalid-request'], 'kinds');
		same((await seen()).length - before, 0, 'requests sent');
	});

	return steps;
}
