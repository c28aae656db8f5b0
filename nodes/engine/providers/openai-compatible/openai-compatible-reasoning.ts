import { REASONING_EFFORTS, type ReasoningEffort } from '../../request/response-format-schema';
import type { ReasoningControl } from './openai-compatible-config';

export interface MappedEffort {
	/** The provider's word for the effort sent. */
	value: string;
	/** Set when it is not the effort asked for: the nearest one the provider documents. */
	substitute?: ReasoningEffort;
}

/** The documented effort nearest to the one asked for, on the scale none … high; the higher one of two as near. */
export function effortFor(effort: ReasoningEffort, control: ReasoningControl): MappedEffort {
	const exact = control.efforts[effort];
	if (exact !== undefined) return { value: exact };
	const wanted = REASONING_EFFORTS.indexOf(effort);
	let nearest: ReasoningEffort | undefined;
	for (const candidate of REASONING_EFFORTS) {
		if (control.efforts[candidate] === undefined) continue;
		const distance = Math.abs(REASONING_EFFORTS.indexOf(candidate) - wanted);
		if (nearest === undefined || distance <= Math.abs(REASONING_EFFORTS.indexOf(nearest) - wanted))
			nearest = candidate;
	}
	if (nearest === undefined)
		throw new Error('a reasoning control must document at least one effort');
	return { value: control.efforts[nearest] as string, substitute: nearest };
}

/** The body fields that carry the effort. */
export function reasoningFields(
	field: ReasoningControl['field'],
	value: string,
): Record<string, unknown> {
	return field === 'reasoning_effort'
		? { reasoning_effort: value }
		: { reasoning: { effort: value } };
}
