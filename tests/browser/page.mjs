// Bundled into the test page: the SDK as a page would load it, calling a local Clerk-like server.
import { ClerkCore } from 'clerk-sign-in-tokens/core';
import { signInTokensCreate } from 'clerk-sign-in-tokens/funcs/signInTokensCreate';

window.runCreate = async (dangerouslyAllowBrowser) => {
	const clerk = new ClerkCore({ secretKey: 'sk_test_browser_0123456789', serverURL: `${location.origin}/v1`, dangerouslyAllowBrowser });
	const res = await signInTokensCreate(clerk, { userId: 'user_123' });
	return res.ok ? { ok: true, status: res.value.status } : { ok: false, kind: res.error.kind, message: res.error.message };
};
