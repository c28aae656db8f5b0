import { MemoryFusionState } from '../../../nodes/engine/state/memory-fusion-state';
import type { Candidate } from '../../../nodes/engine/strategies/candidate';
import { roundRobinStrategy } from '../../../nodes/engine/strategies/round-robin-strategy';
import type { RoutingContext } from '../../../nodes/engine/strategies/routing-strategy';
import { settingsFor } from '../chat/engine-settings';
import { candidate, ids } from './test-candidates';

const request = { model: 'x/y', messages: [{ role: 'user' as const, content: 'Hi' }] };

/** Orders candidate lists as round robin does for one state. */
function orderer(state = new MemoryFusionState()) {
	const context = { settings: settingsFor({}, { state }) } as RoutingContext;
	return (list: Candidate[]) => roundRobinStrategy.order(list, request, context);
}

describe('roundRobinStrategy.order', () => {
	it('puts the next model in the rotation first and keeps the others after it as fallbacks', async () => {
		const order = orderer();
		const list = [
			candidate('openai/gpt-4o'),
			candidate('anthropic/claude-3-opus'),
			candidate('google/gemini-2.5-flash'),
		];
		expect(ids(await order(list))).toEqual([
			'openai/gpt-4o',
			'anthropic/claude-3-opus',
			'google/gemini-2.5-flash',
		]);
		expect(ids(await order(list))).toEqual([
			'anthropic/claude-3-opus',
			'google/gemini-2.5-flash',
			'openai/gpt-4o',
		]);
		expect(ids(await order(list))).toEqual([
			'google/gemini-2.5-flash',
			'openai/gpt-4o',
			'anthropic/claude-3-opus',
		]);
		expect(ids(await order(list))[0]).toBe('openai/gpt-4o');
	});
});
