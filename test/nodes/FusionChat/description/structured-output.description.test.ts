import { SAMPLE_JSON_SCHEMA } from '../../../../nodes/FusionChat/description/structured-output.description';
import { FusionChat } from '../../../../nodes/FusionChat/FusionChat.node';

describe('the structured-output fields', () => {
	it('start with a sample schema that OpenAI accepts in strict mode', () => {
		const schema = JSON.parse(SAMPLE_JSON_SCHEMA) as {
			type: string;
			properties: Record<string, unknown>;
			required: string[];
			additionalProperties: boolean;
		};
		expect(schema.type).toBe('object');
		expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort());
		expect(schema.additionalProperties).toBe(false);
	});

	it('keep their contract names and leave saved workflows as they were', () => {
		const properties = new FusionChat().description.properties;
		const named = (name: string) => properties.find((property) => property.name === name);
		expect(named('responseFormat')?.default).toBe('text');
		expect(
			named('responseFormat')?.options?.map((option) => 'value' in option && option.value),
		).toEqual(['text', 'json_object', 'json_schema']);
		expect(named('jsonSchema')?.displayOptions?.show?.responseFormat).toEqual(['json_schema']);
		const parameterNames = named('parameters')?.options?.map((option) => option.name);
		expect(parameterNames).toContain('reasoningEffort');
		const optionNames = named('options')?.options?.map((option) => option.name);
		expect(optionNames).toEqual(
			expect.arrayContaining(['binaryPropertyNames', 'outputParsedOnly']),
		);
	});
});
