import type { AnthropicModelTraits } from './anthropic-model-traits';

const ANTHROPIC_MAX_TEMPERATURE = 1;

/** With thinking on, Anthropic takes top_p only from 0.95 to 1 and no temperature at all. */
const THINKING_MIN_TOP_P = 0.95;

export interface AnthropicSampling {
	temperature?: number;
	top_p?: number;
	warnings: string[];
}

function withoutSampling(
	temperature: number | undefined,
	topP: number | undefined,
): AnthropicSampling {
	const dropped = [
		...(temperature === undefined ? [] : ['temperature']),
		...(topP === undefined ? [] : ['top_p']),
	];
	if (dropped.length === 0) return { warnings: [] };
	return {
		warnings: [
			`${dropped.join(' and ')} not sent: this Anthropic model does not accept sampling settings`,
		],
	};
}

/** temperature and top_p as the model and the thinking setting allow them; what cannot be sent is a warning. */
export function toAnthropicSampling(
	temperature: number | undefined,
	topP: number | undefined,
	traits: AnthropicModelTraits,
	thinking: boolean,
): AnthropicSampling {
	if (traits.rejectsSampling) {
		return withoutSampling(temperature, topP);
	}
	if (thinking) {
		const warnings: string[] = [];
		if (temperature !== undefined) {
			warnings.push('temperature was not sent: Anthropic does not accept it with thinking');
		}
		if (topP !== undefined && topP < THINKING_MIN_TOP_P) {
			warnings.push(
				`top_p ${topP} was not sent: with thinking Anthropic accepts top_p from ${THINKING_MIN_TOP_P} to 1`,
			);
			return { warnings };
		}
		return topP === undefined ? { warnings } : { top_p: topP, warnings };
	}
	const warnings: string[] = [];
	const result: AnthropicSampling = { warnings };
	if (temperature !== undefined) {
		result.temperature = Math.min(temperature, ANTHROPIC_MAX_TEMPERATURE);
		if (temperature > ANTHROPIC_MAX_TEMPERATURE) {
			warnings.push(
				`temperature ${temperature} is above Anthropic's maximum of ${ANTHROPIC_MAX_TEMPERATURE} and was sent as ${ANTHROPIC_MAX_TEMPERATURE}`,
			);
		}
	}
	if (topP !== undefined) {
		// Current Claude models answer 400 when both are set; temperature is the more common knob, so it wins.
		if (result.temperature !== undefined) {
			warnings.push(
				'top_p was not sent because Anthropic does not accept temperature and top_p together; temperature was kept',
			);
		} else {
			result.top_p = topP;
		}
	}
	return result;
}
