import type { Tool } from '@n8n/ai-node-sdk';
import { z } from 'zod';

/** A tool as an agent binds it: its arguments described by a Zod schema. */
export const addTool: Tool = {
	type: 'function',
	name: 'add',
	description: 'Adds two numbers',
	inputSchema: z.object({ a: z.number(), b: z.number().describe('the second') }),
};

/** The same tool as the unified request (and an OpenAI-style provider) takes it. */
export const addToolAsFunction = {
	type: 'function',
	function: {
		name: 'add',
		description: 'Adds two numbers',
		parameters: {
			type: 'object',
			properties: { a: { type: 'number' }, b: { type: 'number', description: 'the second' } },
			required: ['a', 'b'],
			additionalProperties: false,
		},
	},
};
