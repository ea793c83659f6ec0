// A Cloudflare Worker: GET /?user_id=user_123 answers with a one-time sign-in link.
// The key is a secret binding (`wrangler secret put CLERK_SECRET_KEY`), read from `env` per request.
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';

interface Env {
	CLERK_SECRET_KEY: string;
	CLERK_API_URL?: string;
}

export default {
	async fetch(request: Request, env: Env): Promise<Response> {
		const userId = new URL(request.url).searchParams.get('user_id') ?? '';
		const clerk = new ClerkCore({ secretKey: env.CLERK_SECRET_KEY, serverURL: env.CLERK_API_URL });
		const res = await signInTokensCreate(clerk, { userId, expiresInSeconds: 600 });
		if (!res.ok) {
			const status = res.error.kind === 'invalid-request' ? 400 : 502;
			return Response.json({ error: res.error.kind, message: res.error.message }, { status });
		}
		return new Response(res.value.url ?? '', { headers: { 'content-type': 'text/plain' } });
	},
};
