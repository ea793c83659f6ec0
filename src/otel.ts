// The `clerk-sign-in-tokens/otel` entry: one OpenTelemetry span per call, from the core's logger
// events. `@opentelemetry/api` is an optional peer, imported for types only: nothing of it is
// bundled, and users who do not trace do not install it.
import { trimSlashes } from './lib/trimSlashes.ts';
import type { Span, Tracer } from '@opentelemetry/api';
import { events } from './events.ts';
import type { ClerkEvent, ClerkOutcomeEvent, EventHandler } from './events.ts';
import type { Logger } from './pipeline/options.ts';

// @opentelemetry/api's enum values, inlined so no runtime import is needed: SpanKind.CLIENT and
// SpanStatusCode.ERROR.
const CLIENT = 2;
const ERROR = 2;

/**
 * A logger that traces each call as one CLIENT span, following OpenTelemetry's HTTP client
 * semantic conventions: named `POST /v1/sign_in_tokens/{sign_in_token_id}/revoke` (the URL template,
 * never an ID), with `http.request.method`, `url.template`, `server.address`, `server.port`,
 * `http.response.status_code`, `http.request.resend_count` (retries), `error.type` (the status
 * code, or the error's kind) and `clerk.trace_id`. Spans hold no key, ticket or ID.
 *
 * @param tracer A tracer, e.g. `trace.getTracer('my-app')`.
 * @param next A handler to pass every event on to, as `events(next)` would.
 * @returns The logger, for `new ClerkCore({ logger })`.
 * @throws {TypeError} When `tracer` has no `startSpan` or `next` is not a function.
 *
 * @example
 * ```ts
 * const clerk = new ClerkCore({ logger: openTelemetry(trace.getTracer('app')) });
 * ```
 */
export function openTelemetry(tracer: Tracer, next?: EventHandler): Logger {
	// Checked here, once: a logger's failures are swallowed per call, so a wrong tracer would
	// otherwise trace nothing, silently.
	if (typeof (tracer as Partial<Tracer> | undefined)?.startSpan !== 'function') {
		throw new TypeError("openTelemetry: tracer must be an OpenTelemetry Tracer (with startSpan), e.g. trace.getTracer('my-app')");
	}
	if (next !== undefined && typeof next !== 'function') throw new TypeError('openTelemetry: next must be a function receiving each ClerkEvent');
	const spans = new Map<string, Span>();
	// What the tracer throws stays in the tracer: the call goes on, `next` still gets every event,
	// and a span is ended exactly once.
	const guard = <T>(step: () => T): T | undefined => {
		try {
			return step();
		} catch {
			return undefined;
		}
	};
	const start = (name: string, attributes: Record<string, string | number>) => guard(() => tracer.startSpan(name, { kind: CLIENT, attributes }));
	const trace = (event: ClerkEvent) => {
		if (event.type === 'request') {
			const server = new URL(event.serverURL);
			// The conventions' url.template is an absolute path: the server URL's own path comes first.
			const template = trimSlashes(server.pathname) + event.urlTemplate;
			const span = start(`${event.method} ${template}`, {
				'http.request.method': event.method,
				'url.template': template,
				'server.address': server.hostname,
				'server.port': Number(server.port) || (server.protocol === 'https:' ? 443 : 80),
				'clerk.operation': event.operation,
			});
			if (span) spans.set(event.callId, span);
		} else if (event.type === 'outcome') {
			// A call refused before sending (bad input, a bad key) still gets its span.
			const span = spans.get(event.callId) ?? start(event.operation, { 'clerk.operation': event.operation });
			spans.delete(event.callId);
			if (span) finish(span, event, guard);
		}
	};
	return events((event) => {
		guard(() => trace(event));
		// `next` is the caller's own handler: its throw or rejection is the logger's to ignore.
		return next?.(event);
	});
}

// Sets the outcome's attributes, each on its own (one that throws loses only itself), and ends the
// span last, once.
function finish(span: Span, event: ClerkOutcomeEvent, guard: <T>(step: () => T) => T | undefined): void {
	if (event.status !== undefined) guard(() => span.setAttribute('http.response.status_code', event.status as number));
	if (event.attempts > 1) guard(() => span.setAttribute('http.request.resend_count', event.attempts - 1));
	if (event.traceId !== undefined) guard(() => span.setAttribute('clerk.trace_id', event.traceId as string));
	if (event.outcome !== 'ok') {
		// The conventions' error.type: the status code for an HTTP error, else the failure's kind.
		guard(() => span.setAttribute('error.type', event.outcome === 'api' && event.status !== undefined ? String(event.status) : event.outcome));
		guard(() => span.setStatus({ code: ERROR }));
	}
	guard(() => span.end());
}
