import fc from 'fast-check';

/** Objects whose reading throws: a getter that throws, and a proxy whose every trap throws. */
const hostile = fc.oneof(
	fc.constant(
		Object.defineProperty({}, 'userId', {
			enumerable: true,
			get: () => {
				throw new Error('getter');
			},
		}),
	),
	fc.constant(
		Object.defineProperty({}, 'signInTokenId', {
			enumerable: true,
			get: () => {
				throw new Error('getter');
			},
		}),
	),
	fc.constant(
		// Symbol keys are left alone: fast-check itself looks up symbols on generated values.
		new Proxy(
			{},
			{
				get: (_, key) => {
					if (typeof key === 'string') throw new Error('trap');
					return undefined;
				},
				has: (_, key) => {
					if (typeof key === 'string') throw new Error('trap');
					return false;
				},
				ownKeys: () => {
					throw new Error('trap');
				},
			},
		),
	),
);

/** Anything, including hostile objects, huge strings and unicode. */
export const anyValue = fc.oneof(
	{ weight: 4, arbitrary: fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }) },
	{ weight: 1, arbitrary: hostile },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
	{ weight: 1, arbitrary: fc.nat({ max: 200_000 }).map((n) => 'x'.repeat(n)) },
);

/** A request-shaped object for either operation, with fields of any type. */
export const requestLike = fc.oneof(
	anyValue,
	fc.record({ userId: anyValue, expiresInSeconds: anyValue, orgId: anyValue }, { requiredKeys: [] }),
	fc.record({ signInTokenId: anyValue }, { requiredKeys: [] }),
	fc.record({ userId: fc.string(), expiresInSeconds: fc.oneof(fc.integer(), fc.double()) }),
);

/** Per-call options with fields of any type. */
export const optionsLike = fc.oneof(anyValue, fc.record({ signal: anyValue, timeoutMs: anyValue, retry: anyValue, headers: anyValue }, { requiredKeys: [] }));
