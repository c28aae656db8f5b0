import type { ResponseFormat } from '../../request/unified-request';
import { openApiSchemaFromJsonSchema } from './gemini-openapi-schema';
import type { GeminiGenerationConfig } from './gemini-request-types';
import { geminiModelTraits } from './gemini-model-traits';

export type GeminiResponseFormat = Pick<
	GeminiGenerationConfig,
	'responseMimeType' | 'responseJsonSchema' | 'responseSchema'
>;

/**
 * response_format as Gemini's JSON mode: `responseMimeType` for any JSON, plus the schema as JSON Schema where the
 * model takes it, else as the OpenAPI subset with a warning naming what the subset could not carry. `strict` has
 * no counterpart: Gemini always holds its answer to the schema it is given.
 */
export function toGeminiResponseFormat(
	responseFormat: ResponseFormat | undefined,
	model: string,
	warnings: string[],
): GeminiResponseFormat {
	if (responseFormat === undefined || responseFormat.type === 'text') return {};
	if (responseFormat.type === 'json_object') return { responseMimeType: 'application/json' };
	const { schema } = responseFormat.json_schema;
	if (geminiModelTraits(model).takesJsonSchema) {
		return { responseMimeType: 'application/json', responseJsonSchema: schema };
	}
	const converted = openApiSchemaFromJsonSchema(schema);
	if (converted.dropped.length > 0) {
		warnings.push(
			`Google Gemini model ${model} takes a schema in the OpenAPI subset only; response_format.json_schema.schema was sent without ${converted.dropped.join(', ')}`,
		);
	}
	return { responseMimeType: 'application/json', responseSchema: converted.schema };
}
