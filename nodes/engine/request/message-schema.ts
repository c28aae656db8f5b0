import { z } from 'zod';
import { isBase64, parseDataUrl } from './data-url';
import { parseInto, typeDispatchErrorMap } from './dispatch-schema';

export const IMAGE_MEDIA_TYPES: readonly string[] = [
	'image/png',
	'image/jpeg',
	'image/gif',
	'image/webp',
];
export const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;
export type ImageDetail = (typeof IMAGE_DETAILS)[number];

const aString = z.string({ invalid_type_error: 'must be a string' });

function isHttpUrl(url: string): boolean {
	if (!/^https?:\/\//i.test(url)) return false;
	try {
		new URL(url);
		return true;
	} catch {
		return false;
	}
}

function imageUrlProblem(url: string): string | undefined {
	if (isHttpUrl(url)) return undefined;
	if (!url.startsWith('data:')) {
		return 'must be an http(s) URL or a data URL (data:image/png;base64,…)';
	}
	const data = parseDataUrl(url);
	if (data === undefined) return 'is not a valid data URL (data:image/png;base64,…)';
	if (!IMAGE_MEDIA_TYPES.includes(data.mediaType)) {
		return `is a data URL of ${data.mediaType}, which is not a supported image type (png, jpeg, gif, webp)`;
	}
	return isBase64(data.base64) ? undefined : 'is a data URL whose data is not valid base64';
}

function pdfDataProblem(fileData: string): string | undefined {
	const data = parseDataUrl(fileData);
	if (data?.mediaType !== 'application/pdf') {
		return 'must be a PDF data URL (data:application/pdf;base64,…)';
	}
	return isBase64(data.base64) ? undefined : 'is a data URL whose data is not valid base64';
}

/** A string field checked by `problemOf`, which says what is wrong (undefined when nothing is). */
function checkedString(problemOf: (value: string) => string | undefined) {
	return aString.superRefine((value, ctx) => {
		const problem = problemOf(value);
		if (problem !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
	});
}

const textPartSchema = z.object({ type: z.literal('text'), text: aString }).strict();

const imagePartSchema = z
	.object({
		type: z.literal('image_url'),
		image_url: z
			.object(
				{
					url: checkedString(imageUrlProblem),
					detail: z
						.enum(IMAGE_DETAILS, {
							errorMap: () => ({ message: `must be one of ${IMAGE_DETAILS.join(', ')}` }),
						})
						.optional(),
				},
				{ invalid_type_error: 'must be an object with "url"' },
			)
			.strict(),
	})
	.strict();

const filePartSchema = z
	.object({
		type: z.literal('file'),
		file: z
			.object(
				{ filename: aString.optional(), file_data: checkedString(pdfDataProblem) },
				{ invalid_type_error: 'must be an object with "file_data"' },
			)
			.strict(),
	})
	.strict();

export type TextPart = z.infer<typeof textPartSchema>;
export type ImagePart = z.infer<typeof imagePartSchema>;
export type FilePart = z.infer<typeof filePartSchema>;
export type ContentPart = TextPart | ImagePart | FilePart;

// Parts are told apart by `type` first, so an issue names the field inside the part, not "invalid input".
const anyPartSchema = z.discriminatedUnion(
	'type',
	[textPartSchema, imagePartSchema, filePartSchema],
	{
		errorMap: typeDispatchErrorMap('must be one of text, image_url, file'),
	},
);

function textPartSchemaFor(role: string) {
	return z.discriminatedUnion('type', [textPartSchema], {
		errorMap: typeDispatchErrorMap(`must be text: a ${role} message carries only text parts`),
	});
}

/** A message's content: a string, or a non-empty array of the parts its role may carry. */
function contentSchema<Part>(partSchema: z.ZodType<Part, z.ZodTypeDef, unknown>) {
	const parts = z.array(partSchema).min(1, 'must contain at least one part');
	return z.unknown().transform((value, ctx): string | Part[] => {
		if (typeof value === 'string') return value;
		if (Array.isArray(value)) return parseInto(parts, value, ctx);
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message:
				value === undefined ? 'is required' : 'must be a string or an array of content parts',
		});
		return z.NEVER;
	});
}

const systemMessageSchema = z
	.object({
		// A developer message is OpenAI's newer name for a system message; every adapter treats it as one.
		role: z.enum(['system', 'developer']),
		content: contentSchema(textPartSchemaFor('system')),
	})
	.strict();

const userMessageSchema = z
	.object({ role: z.literal('user'), content: contentSchema(anyPartSchema) })
	.strict();

function jsonTextProblem(text: string): string | undefined {
	try {
		JSON.parse(text);
		return undefined;
	} catch {
		return 'must be JSON text (the arguments object written as a string)';
	}
}

const toolCallSchema = z
	.object({
		id: aString.min(1, 'must not be empty'),
		type: z.literal('function', { errorMap: () => ({ message: 'must be "function"' }) }),
		function: z
			.object({
				name: aString.min(1, 'must not be empty'),
				arguments: checkedString(jsonTextProblem),
			})
			.strict(),
	})
	.strict();

const assistantTextContent = contentSchema(textPartSchemaFor('assistant'));

const assistantMessageSchema = z
	.object({
		role: z.literal('assistant'),
		content: z
			.unknown()
			.transform((value, ctx): string | TextPart[] | null | undefined =>
				value === null || value === undefined ? value : parseInto(assistantTextContent, value, ctx),
			),
		tool_calls: z.array(toolCallSchema).min(1, 'must list at least one call').optional(),
	})
	.strict()
	.superRefine((message, ctx) => {
		const noContent = message.content === null || message.content === undefined;
		if (noContent && message.tool_calls === undefined) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['content'],
				message: 'is required (it may be null only when the message has tool_calls)',
			});
		}
	});

const toolMessageSchema = z
	.object({
		role: z.literal('tool'),
		tool_call_id: aString.min(1, 'must not be empty'),
		content: contentSchema(textPartSchemaFor('tool')),
	})
	.strict();

export type SystemMessage = z.infer<typeof systemMessageSchema>;
export type UserMessage = z.infer<typeof userMessageSchema>;
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;
export type ToolCall = z.infer<typeof toolCallSchema>;
export type ToolMessage = z.infer<typeof toolMessageSchema>;
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
export type ChatRole = ChatMessage['role'];

const MESSAGE_SCHEMAS: Record<ChatRole, z.ZodType<ChatMessage, z.ZodTypeDef, unknown>> = {
	system: systemMessageSchema,
	developer: systemMessageSchema,
	user: userMessageSchema,
	assistant: assistantMessageSchema,
	tool: toolMessageSchema,
};
export const ROLES = Object.keys(MESSAGE_SCHEMAS) as ChatRole[];

function isRole(value: unknown): value is ChatRole {
	return typeof value === 'string' && (ROLES as string[]).includes(value);
}

/** One message, validated by the schema of its role so that issues name the field ("messages[2].tool_call_id"). */
export const messageSchema = z.unknown().transform((value, ctx): ChatMessage => {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			message: 'must be an object with "role" and "content"',
		});
		return z.NEVER;
	}
	const { role } = value as { role?: unknown };
	if (!isRole(role)) {
		ctx.addIssue({
			code: z.ZodIssueCode.custom,
			path: ['role'],
			message: role === undefined ? 'is required' : `must be one of ${ROLES.join(', ')}`,
		});
		return z.NEVER;
	}
	return parseInto(MESSAGE_SCHEMAS[role], value, ctx);
});
