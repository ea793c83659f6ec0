// Vercel Edge (edge-runtime): a fetch-event handler evaluated in the Edge VM.
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';
import { signInTokensRevoke } from 'clerk-sign-in-tokens/funcs/signInTokensRevoke';
import { policy } from 'clerk-sign-in-tokens/retry';
import { scenario } from './scenario.mjs';

addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	event.respondWith(
		scenario({ ClerkCore, signInTokensCreate, signInTokensRevoke, policy }, { base: url.searchParams.get('base'), key: url.searchParams.get('key') }).then(
			(steps) => Response.json(steps),
		),
	);
});
