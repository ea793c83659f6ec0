// What counts as this machine, for the places `http:` is allowed: a server URL, a sign-in link.

/**
 * Whether a URL's hostname is loopback: `localhost`, `127.0.0.0/8` or `[::1]`.
 *
 * @param host A URL's `hostname`.
 * @returns Whether it names this machine.
 */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
