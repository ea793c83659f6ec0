import nock from 'nock';
import { afterEach, beforeAll, expect } from 'vitest';

beforeAll(() => {
	nock.disableNetConnect();
});

// Every test must use each interceptor it declares: an unused one means a request was not sent.
afterEach(() => {
	const pending = nock.pendingMocks();
	nock.cleanAll();
	expect(pending, 'interceptors left unused').toEqual([]);
});
