/** The body of `models/{model}:generateContent` (and `:streamGenerateContent`), as far as the engine sends it. */

export interface GeminiTextPart {
	text: string;
}

/** Bytes in the request: base64, as a data URL carries them. */
export interface GeminiInlineDataPart {
	inlineData: { mimeType: string; data: string };
}

/** A file Gemini fetches itself: a public https URL. */
export interface GeminiFileDataPart {
	fileData: { mimeType: string; fileUri: string };
}

export interface GeminiFunctionCallPart {
	functionCall: { id: string; name: string; args: Record<string, unknown> };
	/** Gemini 3 checks that each call in the history carries the signature it gave the call (gemini-tool-call-id.ts). */
	thoughtSignature?: string;
}

export interface GeminiFunctionResponsePart {
	functionResponse: { id: string; name: string; response: Record<string, unknown> };
}

export type GeminiRequestPart =
	| GeminiTextPart
	| GeminiInlineDataPart
	| GeminiFileDataPart
	| GeminiFunctionCallPart
	| GeminiFunctionResponsePart;

export interface GeminiContent {
	role: 'user' | 'model';
	parts: GeminiRequestPart[];
}

export type GeminiThinkingLevel = 'minimal' | 'low' | 'medium' | 'high';

/** Either a level (Gemini 3 and later) or a budget (Gemini 2.5); Gemini refuses both at once. */
export interface GeminiThinkingConfig {
	thinkingLevel?: GeminiThinkingLevel;
	thinkingBudget?: number;
	includeThoughts: boolean;
}

export interface GeminiGenerationConfig {
	maxOutputTokens?: number;
	temperature?: number;
	topP?: number;
	stopSequences?: string[];
	presencePenalty?: number;
	frequencyPenalty?: number;
	seed?: number;
	responseMimeType?: 'application/json';
	/** Full JSON Schema, which Gemini 2.5 and later take. */
	responseJsonSchema?: Record<string, unknown>;
	/** The OpenAPI 3.0 subset older models take. */
	responseSchema?: Record<string, unknown>;
	thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiFunctionDeclaration {
	name: string;
	description?: string;
	/** JSON Schema as is, which Gemini 2.5 and later take. */
	parametersJsonSchema?: Record<string, unknown>;
	/** The OpenAPI 3.0 subset older models take. */
	parameters?: Record<string, unknown>;
}

/** VALIDATED: the model may answer in text, and a call it makes is held to the function's schema. */
export type GeminiFunctionCallingMode = 'AUTO' | 'ANY' | 'NONE' | 'VALIDATED';

export interface GeminiToolConfig {
	functionCallingConfig: { mode: GeminiFunctionCallingMode; allowedFunctionNames?: string[] };
}

export interface GeminiGenerateContentRequest {
	systemInstruction?: { parts: GeminiTextPart[] };
	contents: GeminiContent[];
	tools?: [{ functionDeclarations: GeminiFunctionDeclaration[] }];
	toolConfig?: GeminiToolConfig;
	generationConfig?: GeminiGenerationConfig;
}
