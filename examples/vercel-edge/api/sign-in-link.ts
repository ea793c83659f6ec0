// A Vercel Edge Function: GET /api/sign-in-link?user_id=user_123 answers with a one-time sign-in
// link. Vercel exposes project environment variables on process.env, where the core reads
// CLERK_SECRET_KEY by itself.
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';

export const config = { runtime: 'edge' };

export default async function handler(request: Request): Promise<Response> {
	const userId = new URL(request.url).searchParams.get('user_id') ?? '';
	const clerk = new ClerkCore({ serverURL: process.env.CLERK_API_URL });
	const res = await signInTokensCreate(clerk, { userId, expiresInSeconds: 600 });
	if (!res.ok) {
		const status = res.error.kind === 'invalid-request' ? 400 : 502;
		return Response.json({ error: res.error.kind, message: res.error.message }, { status });
	}
	return new Response(res.value.url ?? '', { headers: { 'content-type': 'text/plain' } });
}
