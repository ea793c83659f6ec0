// Holds the fake to the OpenAPI document in spec/, with a real validator: @hyperjump/json-schema
// validates values against a schema inside an OpenAPI 3.0 document in the OpenAPI 3.0 schema
// dialect itself (`nullable`, `$ref` between components), and validates the document too. Chosen
// over Ajv (which knows OpenAPI's keywords only as extensions, and needs the document dereferenced
// by a second library) and over response-validator wrappers built on it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validate } from '@hyperjump/json-schema/openapi-3-0';
import { parse } from 'yaml';

interface ResponseObject {
	$ref?: string;
	content?: Record<string, { schema: { $ref?: string } }>;
}
interface Spec {
	paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
	components: { responses: Record<string, ResponseObject> };
}

const spec = parse(readFileSync(new URL('../../spec/clerk-bapi-sign-in-tokens.yml', import.meta.url), 'utf8')) as Spec;
const documentUri = register(spec, 'clerk-bapi');

/**
 * Writes a parsed OpenAPI document where the validator reads documents (`*.openapi.json` files).
 *
 * @returns The document's URI, for `validate`.
 */
export function register(document: unknown, name: string): string {
	const file = join(mkdtempSync(join(tmpdir(), 'clerk-spec-')), `${name}.openapi.json`);
	writeFileSync(file, JSON.stringify(document));
	return pathToFileURL(file).href;
}

// Statuses Clerk answers every operation with, documented once in the spec's components.
const SHARED: Record<string, string> = { '401': 'AuthenticationInvalid', '429': 'TooManyRequests' };

/** The spec's path template of a request URL (the fake serves /v1 paths). */
function specPath(url: string): string {
	return new URL(url).pathname.replace(/^\/v1/, '').replace(/\/sign_in_tokens\/[^/]+\/revoke$/, '/sign_in_tokens/{sign_in_token_id}/revoke');
}

/** The OpenAPI document itself, against the OpenAPI 3.0 meta-schema. */
export async function validateDocument(): Promise<boolean> {
	const output = await validate('https://spec.openapis.org/oas/3.0/schema', spec as never);
	return output.valid;
}

/**
 * Validates a response against what the spec documents for the operation: the status must be
 * documented (or be one of the statuses every operation shares) and the JSON body must match its
 * schema.
 *
 * @returns The problems found; empty when the response is as documented.
 */
export async function validateResponse(method: string, url: string, response: Response): Promise<string[]> {
	const path = specPath(url);
	const operation = spec.paths[path]?.[method.toLowerCase()];
	if (!operation) return [`the spec has no ${method} ${path}`];
	const status = String(response.status);
	let pointer: string;
	let entry: ResponseObject | undefined = operation.responses[status];
	if (entry) pointer = `/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${status}`;
	else if (SHARED[status]) [entry, pointer] = [spec.components.responses[SHARED[status]], `/components/responses/${SHARED[status]}`];
	else return [`status ${status} is not documented for ${method} ${path}`];
	if (entry?.$ref) [pointer, entry] = [entry.$ref.slice(1), spec.components.responses[entry.$ref.split('/').at(-1) ?? '']];
	if (!entry?.content?.['application/json']) return [`no JSON body is documented for ${status}`];
	if (!response.headers.get('content-type')?.startsWith('application/json')) return ['content-type is not application/json'];
	const output = await validate(`${documentUri}#${pointer}/content/application~1json/schema`, (await response.clone().json()) as never);
	return output.valid ? [] : [`body does not match the schema of ${status} for ${method} ${path}: ${JSON.stringify(output)}`];
}
