// The fake inside workerd, through Cloudflare's vitest integration (@cloudflare/vitest-plugin, the
// renamed @cloudflare/vitest-pool-workers, which supports vitest 5), where nock cannot run: tests
// use the fake's own fetch. Run by `npm run test:runtimes` against the packed package.
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [cloudflareTest({ miniflare: { compatibilityDate: '2026-11-01', compatibilityFlags: ['nodejs_compat'] } })],
	test: { include: ['*.test.ts'] },
});
