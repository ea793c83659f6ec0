// Whether a heap stays flat, judged on its trend: the median of the slopes between every two
// samples (Theil–Sen), which one odd sample cannot move, projected over the sampled span and
// divided by the median sample. One sample moves with what is live at that moment (connections in
// the pool, responses waiting for their finalizers), so comparing a first and a last sample fails
// on a busy machine with no leak at all.
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];

/** @param {number[]} samples heap bytes at equal steps @returns {{ trend: number, growth: number }} */
export function heapTrend(samples) {
	const slopes = samples.flatMap((from, i) => samples.slice(i + 1).map((to, k) => (to - from) / (k + 1)));
	const trend = median(slopes) * (samples.length - 1);
	return { trend, growth: trend / median(samples) };
}
