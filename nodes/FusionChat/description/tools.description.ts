import type { INodeProperties } from 'n8n-workflow';

/** The Tools (JSON) option's example: one function, in the shape every provider is sent. */
export const SAMPLE_TOOLS = `[
  {
    "type": "function",
    "function": {
      "name": "get_weather",
      "description": "The current weather in a city",
      "parameters": {
        "type": "object",
        "properties": { "city": { "type": "string", "description": "e.g. Paris" } },
        "required": ["city"]
      }
    }
  }
]`;

/** An option: functions the model may call instead of answering. */
export const toolsOption: INodeProperties = {
	displayName: 'Tools (JSON)',
	name: 'tools',
	type: 'json',
	// Empty until filled in: a sample as the default would offer the model a tool nobody runs.
	default: '',
	placeholder: SAMPLE_TOOLS,
	description:
		'Functions the model may call, as a list of OpenAI function tools (name, description, parameters as JSON Schema). A model that calls one answers with finish_reason "tool_calls" and the calls in tool_calls (arguments as JSON text): route on finish_reason with a Switch, run the tool, and send its result back as a "tool" message. Models the catalog says cannot call tools are skipped. Leave empty for none.',
	displayOptions: { show: { '/inputMode': ['fields'] } },
};
