import { describe, expect, test } from 'vitest';
import { plainHeaders, readText } from '../../src/lib/body.ts';
import { redact } from '../../src/lib/redact.ts';

const stream = (...chunks: string[]) =>
	new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
			controller.close();
		},
	});

describe('readText', () => {
	test('reads a body of declared length', async () => {
		expect(await readText(new Response('{"a":1}', { headers: { 'content-length': '7' } }), 100)).toBe('{"a":1}');
	});

	test('refuses a declared length over the limit without reading', async () => {
		const response = new Response('x'.repeat(10), { headers: { 'content-length': '10' } });
		expect(await readText(response, 5)).toEqual({ refused: 'body exceeds 5 bytes' });
	});

	test('reads a stream of unknown length up to the limit, and refuses past it', async () => {
		expect(await readText(new Response(stream('ab', 'cd')), 4)).toBe('abcd');
		expect(await readText(new Response(stream('ab', 'cd', 'e')), 4)).toEqual({ refused: 'body exceeds 4 bytes' });
	});

	test('does not trust Content-Length when the body is encoded', async () => {
		const response = new Response(stream('x'.repeat(50)), { headers: { 'content-length': '3', 'content-encoding': 'gzip' } });
		expect(await readText(response, 10)).toEqual({ refused: 'body exceeds 10 bytes' });
	});

	test('refuses invalid UTF-8', async () => {
		expect(await readText(new Response(new Uint8Array([0x22, 0xff, 0x22])), 10)).toEqual({ refused: 'body is not valid UTF-8' });
	});

	test('reads an empty body as an empty string', async () => {
		expect(await readText(new Response(null), 10)).toBe('');
	});
});

describe('redaction', () => {
	test('redact replaces every occurrence of the key', () => {
		expect(redact('a KEY b KEY', 'KEY')).toBe('a [REDACTED] b [REDACTED]');
		expect(redact('nothing here', 'KEY')).toBe('nothing here');
	});

	test('plainHeaders lower-cases names and redacts values that hold the key', () => {
		const headers = new Headers({ 'X-Echo': 'Bearer KEY', 'Cf-Ray': 'abc' });
		expect(plainHeaders(headers, 'KEY')).toEqual({ 'x-echo': 'Bearer [REDACTED]', 'cf-ray': 'abc' });
	});
});
