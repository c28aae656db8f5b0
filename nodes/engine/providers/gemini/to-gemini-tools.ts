import type { ToolDefinition } from '../../request/unified-request';
import type { ModelCallRequest } from '../provider-adapter';
import { geminiModelTraits } from './gemini-model-traits';
import { openApiSchemaFromJsonSchema } from './gemini-openapi-schema';
import type {
	GeminiFunctionCallingMode,
	GeminiFunctionDeclaration,
	GeminiGenerateContentRequest,
} from './gemini-request-types';

export type GeminiToolUse = Pick<GeminiGenerateContentRequest, 'tools' | 'toolConfig'>;

/** Parameters as JSON Schema where the model takes it (as for response schemas), else as the OpenAPI subset. */
function declarationOf(
	tool: ToolDefinition,
	index: number,
	model: string,
	warnings: string[],
): GeminiFunctionDeclaration {
	const { name, description, parameters } = tool.function;
	const declaration: GeminiFunctionDeclaration = { name };
	if (description !== undefined) declaration.description = description;
	if (parameters === undefined) return declaration;
	if (geminiModelTraits(model).takesJsonSchema) {
		declaration.parametersJsonSchema = parameters;
		return declaration;
	}
	const converted = openApiSchemaFromJsonSchema(parameters);
	if (converted.dropped.length > 0) {
		warnings.push(
			`Google Gemini model ${model} takes a function's parameters in the OpenAPI subset only; tools[${index}].function.parameters was sent without ${converted.dropped.join(', ')}`,
		);
	}
	declaration.parameters = converted.schema;
	return declaration;
}

/**
 * OpenAI's `strict` holds a call to its schema; Gemini's VALIDATED mode does that for every function while leaving
 * the model free to answer in text, and ANY holds forced calls to their schemas anyway. Models older than 2.5 have
 * no such mode.
 */
function autoModeOf(request: ModelCallRequest, warnings: string[]): GeminiFunctionCallingMode {
	const strict = request.tools?.some((tool) => tool.function.strict === true) === true;
	if (!strict) return 'AUTO';
	if (geminiModelTraits(request.model).takesJsonSchema) return 'VALIDATED';
	warnings.push(
		`strict is not supported by Google Gemini model ${request.model}: its function calls are not held to their schemas`,
	);
	return 'AUTO';
}

/** The request's functions as Gemini's functionDeclarations, tool_choice as its function calling config. */
export function toGeminiToolUse(request: ModelCallRequest, warnings: string[]): GeminiToolUse {
	if (request.tools === undefined) return {};
	const functionDeclarations = request.tools.map((tool, index) =>
		declarationOf(tool, index, request.model, warnings),
	);
	if (request.parallel_tool_calls === false) {
		warnings.push(
			'parallel_tool_calls false is not supported by Google Gemini and was not sent: the model may call several functions at once',
		);
	}
	const choice = request.tool_choice;
	const mode: GeminiFunctionCallingMode =
		choice === 'none'
			? 'NONE'
			: choice === 'required' || typeof choice === 'object'
				? 'ANY'
				: autoModeOf(request, warnings);
	const functionCallingConfig =
		typeof choice === 'object' ? { mode, allowedFunctionNames: [choice.function.name] } : { mode };
	return { tools: [{ functionDeclarations }], toolConfig: { functionCallingConfig } };
}
