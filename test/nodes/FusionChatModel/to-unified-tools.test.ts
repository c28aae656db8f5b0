import { addTool, addToolAsFunction } from './add-tool';
import { parseUnifiedRequest } from '../../../nodes/engine';
import {
	toUnifiedTools,
	UnsupportedToolError,
} from '../../../nodes/FusionChatModel/model/to-unified-tools';

describe('toUnifiedTools', () => {
	it('turns a Zod schema into JSON Schema without its $schema, and keeps a JSON Schema as given', () => {
		const tools = toUnifiedTools([
			addTool,
			{
				type: 'function',
				name: 'lookup',
				inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
				strict: true,
			},
		]);
		expect(tools).toEqual([
			addToolAsFunction,
			{
				type: 'function',
				function: {
					name: 'lookup',
					parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
					strict: true,
				},
			},
		]);
		const parsed = parseUnifiedRequest({
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'Hi' }],
			tools,
		});
		expect(parsed.ok).toBe(true);
	});

	it("refuses a provider's built-in tool, naming it", () => {
		expect(() => toUnifiedTools([{ type: 'provider', name: 'web_search' }])).toThrow(
			UnsupportedToolError,
		);
		expect(() => toUnifiedTools([{ type: 'provider', name: 'web_search' }])).toThrow(
			/"web_search", a provider's built-in tool/,
		);
	});

	it('lets the request check name a tool whose name no provider accepts', () => {
		const parsed = parseUnifiedRequest({
			model: 'openai/gpt-4o-mini',
			messages: [{ role: 'user', content: 'Hi' }],
			tools: toUnifiedTools([
				{ type: 'function', name: 'has space', inputSchema: { type: 'object' } },
			]),
		});
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.issues.join('\n')).toContain('tools[0].function.name');
	});
});
