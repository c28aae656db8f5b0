import { STRATEGIES, type StrategyName } from '../request/unified-request';
import { bestOfStrategy } from './best-of-strategy';
import { costOptimizedStrategy } from './cost-optimized-strategy';
import { fallbackStrategy } from './fallback-strategy';
import { latencyOptimizedStrategy } from './latency-optimized-strategy';
import { performanceBasedStrategy } from './performance-based-strategy';
import { roundRobinStrategy } from './round-robin-strategy';
import type { RoutingStrategy } from './routing-strategy';
import { weightedStrategy } from './weighted-strategy';

/** Every strategy the request schema names, each under its own name: the compiler refuses a gap or a mix-up. */
export const ROUTING_STRATEGIES: { readonly [Name in StrategyName]: RoutingStrategy<Name> } = {
	fallback: fallbackStrategy,
	round_robin: roundRobinStrategy,
	weighted: weightedStrategy,
	cost_optimized: costOptimizedStrategy,
	latency_optimized: latencyOptimizedStrategy,
	performance_based: performanceBasedStrategy,
	best_of: bestOfStrategy,
};

export interface StrategyOption {
	name: string;
	value: StrategyName;
	description: string;
}

/** The strategies as a list to choose from, in the schema's order: a node's options are built from this. */
export const STRATEGY_OPTIONS: readonly StrategyOption[] = STRATEGIES.map((name) => {
	const { label, description } = ROUTING_STRATEGIES[name];
	return { name: label, value: name, description };
});
