/**
 * Removes trailing slashes, in linear time (a `/\/+$/` regex backtracks quadratically on a long run
 * of slashes followed by anything else).
 *
 * @param url A URL or path.
 * @returns It without trailing slashes.
 */
export function trimSlashes(url: string): string {
	let end = url.length;
	while (url.charCodeAt(end - 1) === 47) end--;
	return url.slice(0, end);
}
