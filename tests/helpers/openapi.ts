import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// A validator for the subset of OpenAPI 3.0 schema the spec excerpt uses (type, enum, nullable,
// properties, required, additionalProperties, items, $ref), so the fake is held to the document.
type Schema = {
	$ref?: string;
	type?: string;
	enum?: unknown[];
	nullable?: boolean;
	properties?: Record<string, Schema>;
	required?: string[];
	additionalProperties?: boolean | Schema;
	items?: Schema;
};

interface Spec {
	paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }> }>>;
	components: { responses: Record<string, { content: Record<string, { schema: Schema }> }>; schemas: Record<string, Schema> };
}

export const spec = parse(readFileSync(new URL('../../spec/clerk-bapi-sign-in-tokens.yml', import.meta.url), 'utf8')) as Spec;

function resolve<T>(ref: string): T {
	return ref
		.replace(/^#\//, '')
		.split('/')
		.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], spec) as T;
}

/**
 * Validates a value against a schema of the spec.
 *
 * @returns The problems found, as `path: problem`; empty when valid.
 */
export function validate(value: unknown, schema: Schema, path = '$'): string[] {
	if (schema.$ref) return validate(value, resolve<Schema>(schema.$ref), path);
	if (value === null) return schema.nullable ? [] : [`${path}: null not allowed`];
	if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum`];
	switch (schema.type) {
		case 'string':
			return typeof value === 'string' ? [] : [`${path}: expected string`];
		case 'integer':
			return Number.isInteger(value) ? [] : [`${path}: expected integer`];
		case 'array':
			return Array.isArray(value) ? value.flatMap((item, i) => validate(item, schema.items ?? {}, `${path}[${i}]`)) : [`${path}: expected array`];
		case 'object': {
			if (typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected object`];
			const record = value as Record<string, unknown>;
			const problems = (schema.required ?? []).filter((key) => !(key in record)).map((key) => `${path}.${key}: required`);
			for (const [key, item] of Object.entries(record)) {
				const property = schema.properties?.[key];
				if (property) problems.push(...validate(item, property, `${path}.${key}`));
				else if (schema.additionalProperties === false) problems.push(`${path}.${key}: not allowed`);
			}
			return problems;
		}
		default:
			return [];
	}
}

/**
 * Validates a response against what the spec documents for an operation: the status must be listed
 * and the JSON body must match its schema.
 *
 * @returns The problems found; empty when the response is as documented.
 */
export async function validateResponse(specPath: string, response: Response): Promise<string[]> {
	const operation = spec.paths[specPath]?.post;
	if (!operation) return [`no operation POST ${specPath}`];
	const documented = operation.responses[String(response.status)] ?? (response.status === 401 ? { $ref: '#/components/responses/AuthenticationInvalid' } : undefined);
	if (!documented) return [`status ${response.status} is not documented for POST ${specPath}`];
	const entry = documented.$ref ? resolve<{ content: Record<string, { schema: Schema }> }>(documented.$ref) : documented;
	const schema = entry.content?.['application/json']?.schema;
	if (!schema) return [`no JSON schema for ${response.status}`];
	if (!response.headers.get('content-type')?.startsWith('application/json')) return ['content-type is not application/json'];
	return validate(await response.clone().json(), schema);
}
