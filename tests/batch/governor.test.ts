import { afterEach, expect, test, vi } from 'vitest';
import { governor } from '../../src/batch/governor.ts';

afterEach(() => {
	vi.useRealTimers();
});

async function takes(gov: ReturnType<typeof governor>, n: number, signal = new AbortController().signal) {
	const at: number[] = [];
	const all = Array.from({ length: n }, () => gov.take(signal).then(() => at.push(Date.now())));
	const done = Promise.allSettled(all);
	for (let i = 0; i < 1000 && at.length < n; i++) await vi.advanceTimersByTimeAsync(50);
	await done;
	return at;
}

test('never lets more than `limit` through in any window, in arrival order', async () => {
	vi.useFakeTimers({ now: 0 });
	const at = await takes(governor(3, 1_000), 7);

	expect(at).toEqual([0, 0, 0, 1_000, 1_000, 1_000, 2_000]);
});

test('a pause holds every later taker', async () => {
	vi.useFakeTimers({ now: 0 });
	const gov = governor(100, 1_000);
	gov.pause(2_500);

	const at = await takes(gov, 2);

	expect(at).toEqual([2_500, 2_500]);
});

test('an aborted taker takes no slot and does not fail the ones queued behind it', async () => {
	vi.useFakeTimers({ now: 0 });
	const gov = governor(1, 1_000);
	await gov.take(new AbortController().signal);
	const controller = new AbortController();
	const aborted = gov.take(controller.signal);
	const next = gov.take(new AbortController().signal);
	controller.abort(new Error('stop'));

	await expect(aborted).rejects.toThrow('stop');
	await vi.advanceTimersByTimeAsync(1_000);
	await expect(next).resolves.toBeUndefined();
	expect(Date.now()).toBe(1_000);
});
