import type { INodeProperties } from 'n8n-workflow';

/** What the JSON Schema field starts with: a working schema for the commonest extraction job. */
export const SAMPLE_JSON_SCHEMA = `{
  "title": "invoice",
  "type": "object",
  "properties": {
    "invoice_number": { "type": "string", "description": "As printed on the invoice" },
    "total": { "type": "number", "description": "The amount due, tax included" },
    "currency": { "type": "string", "description": "ISO 4217 code, e.g. EUR" }
  },
  "required": ["invoice_number", "total", "currency"],
  "additionalProperties": false
}`;

/** Response Format and JSON Schema, form fields mode only: a JSON request carries its own response_format. */
export const responseFormatProperties: INodeProperties[] = [
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Text', value: 'text', description: 'The answer as the model writes it' },
			{
				name: 'JSON Object',
				value: 'json_object',
				description:
					'Any JSON object, parsed into choices[0].message.parsed. Say in the prompt which fields you want.',
			},
			{
				name: 'JSON Schema',
				value: 'json_schema',
				description:
					'A JSON object that follows the schema below, parsed into choices[0].message.parsed. An answer that breaks it counts as a failed attempt and the next model is tried.',
			},
		],
		default: 'text',
		description: 'What the answer must be',
		displayOptions: { show: { inputMode: ['fields'] } },
	},
	{
		displayName:
			'Mention JSON in the prompt or the system message: OpenAI, Azure and other providers refuse a JSON Object request whose messages never contain the word "JSON"',
		name: 'jsonObjectNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { inputMode: ['fields'], responseFormat: ['json_object'] } },
	},
	{
		displayName: 'JSON Schema',
		name: 'jsonSchema',
		type: 'json',
		default: SAMPLE_JSON_SCHEMA,
		required: true,
		description:
			'The JSON Schema the answer must follow. Its "title" names it for the provider (else "response"); it is sent in strict mode.',
		hint: 'Strict mode, as OpenAI has it: list every property under "required" (allow null for optional ones) and set "additionalProperties": false on every object',
		displayOptions: { show: { inputMode: ['fields'], responseFormat: ['json_schema'] } },
	},
];

/** Reasoning Effort, one of the Model Parameters. */
export const reasoningEffortParameter: INodeProperties = {
	displayName: 'Reasoning Effort',
	name: 'reasoningEffort',
	type: 'options',
	options: [
		{
			name: 'High',
			value: 'high',
			description: 'The most thinking before answering: slower, more reasoning tokens',
		},
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'Minimal', value: 'minimal', description: 'As little thinking as the model allows' },
		{ name: 'None', value: 'none', description: 'No thinking, on models that can turn it off' },
	],
	default: 'medium',
	description:
		"How much a reasoning model thinks before it answers. Sent as OpenAI's reasoning_effort, as Anthropic's thinking budget, as Gemini's thinking config; a model without such a control gets a warning in the output. Reasoning tokens are billed as output.",
};

/** An option: the item's files, sent with the prompt. */
export const attachBinaryFieldsOption: INodeProperties = {
	displayName: 'Attach Binary Fields',
	name: 'binaryPropertyNames',
	type: 'string',
	default: '',
	placeholder: 'e.g. data or data, photo',
	description:
		"The incoming item's binary fields to send with the prompt, comma-separated: images (PNG, JPEG, GIF, WebP) as image parts, PDFs as file parts. Form Fields mode only: a JSON request puts image_url and file parts in its messages itself.",
	displayOptions: { show: { '/inputMode': ['fields'] } },
};

/** An option: the parsed JSON answer as the item itself. */
export const outputParsedOnlyOption: INodeProperties = {
	displayName: 'Output Parsed JSON Only',
	name: 'outputParsedOnly',
	type: 'boolean',
	default: false,
	description:
		'Whether the parsed JSON object becomes the output item, so that the next node reads its fields (e.g. invoice_number) directly. The response the node would give otherwise is kept under _response. A value that is not an object (an array, say) goes under "parsed"; an answer with no JSON (a refusal) is an item error.',
	displayOptions: {
		show: { '/inputMode': ['fields'], '/responseFormat': ['json_object', 'json_schema'] },
	},
};
