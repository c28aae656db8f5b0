import { parseUnifiedRequest } from '../../../nodes/engine/request/unified-request';

/** The issues of a request the schema must refuse. */
export function issuesOf(input: unknown): string[] {
	const result = parseUnifiedRequest(input);
	if (result.ok) throw new Error('expected the request to be refused');
	return result.issues;
}
