import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';
import {
	holdsExpression,
	ItemParameters,
	type ReadParameter,
} from '../../../nodes/shared/item-parameters';

/**
 * A context whose getNodeParameter answers from `parameters`, with an expression standing for
 * "<expression> of item <index>", and records every call.
 */
function contextWith(parameters: INodeParameters, failingItems: number[] = []) {
	const reads: Array<[string, number]> = [];
	const getNodeParameter = (name: string, itemIndex: number, fallback?: unknown) => {
		reads.push([name, itemIndex]);
		if (failingItems.includes(itemIndex))
			throw new Error(`${name} cannot be read for item ${itemIndex}`);
		const raw = name
			.split('.')
			.reduce<unknown>(
				(value, key) => (value as Record<string, unknown> | undefined)?.[key],
				parameters,
			);
		if (raw === undefined) {
			if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
			return fallback;
		}
		return holdsExpression(raw) ? `${JSON.stringify(raw)} of item ${itemIndex}` : raw;
	};
	const context = {
		getNode: () => ({ parameters }),
		getNodeParameter,
	} as unknown as IExecuteFunctions;
	return { context, reads };
}

describe('holdsExpression', () => {
	it('finds an expression in a value, a collection, a fixed collection row or a resource locator', () => {
		expect(holdsExpression('={{ $json.text }}')).toBe(true);
		expect(holdsExpression('=Plain text, evaluated all the same')).toBe(true);
		expect(holdsExpression({ maxTokens: 50, stop: '={{ $json.stop }}' })).toBe(true);
		expect(
			holdsExpression({
				models: [{ model: { __rl: true, mode: 'id', value: '={{ $json.model }}' } }],
			}),
		).toBe(true);
	});

	it('finds none in typed-in values, whatever their shape', () => {
		for (const value of [
			'Hello {{ not an expression }}',
			'',
			0,
			true,
			null,
			undefined,
			[],
			{},
			{ __rl: true, mode: 'list', value: 'openai/gpt-4o' },
		]) {
			expect(holdsExpression(value)).toBe(false);
		}
	});
});

describe('ItemParameters', () => {
	it('reads a parameter without an expression once, and one with an expression for every item', () => {
		const { context, reads } = contextWith({
			model: { __rl: true, mode: 'id', value: 'openai/gpt-4o' },
			prompt: '={{ $json.text }}',
		});
		const parameters = new ItemParameters(context);
		for (const itemIndex of [0, 1, 2]) {
			expect(parameters.read('model', itemIndex)).toEqual({
				__rl: true,
				mode: 'id',
				value: 'openai/gpt-4o',
			});
			expect(parameters.read('prompt', itemIndex)).toBe(`"={{ $json.text }}" of item ${itemIndex}`);
		}
		expect(reads).toEqual([
			['model', 0],
			['prompt', 0],
			['prompt', 1],
			['prompt', 2],
		]);
	});

	it("follows a path into a collection, and gives an absent parameter the caller's fallback without asking n8n", () => {
		const { context, reads } = contextWith({
			fallbackModels: { models: [{ model: '={{ $json.backup }}' }] },
			candidates: {},
		});
		const parameters = new ItemParameters(context);
		expect(parameters.isFixed('fallbackModels.models')).toBe(false);
		expect(parameters.isFixed('candidates.models')).toBe(true);
		expect(parameters.read('candidates.models', 1, [])).toEqual([]);
		expect(reads).toEqual([]);
		expect(() => parameters.read('requestJson', 1)).toThrow(
			'Could not get parameter "requestJson"',
		);
	});

	it('keeps no failed read: every item gets its own error', () => {
		const { context } = contextWith({ systemMessage: 'Be brief.' }, [0, 1]);
		const parameters = new ItemParameters(context);
		expect(() => parameters.read('systemMessage', 0)).toThrow(
			'systemMessage cannot be read for item 0',
		);
		expect(() => parameters.read('systemMessage', 1)).toThrow(
			'systemMessage cannot be read for item 1',
		);
		expect(parameters.read('systemMessage', 2)).toBe('Be brief.');
	});

	describe('perItem', () => {
		const derive = jest.fn((read: ReadParameter) => ({
			text: `${String(read('systemMessage'))} ${String(read('prompt'))}`,
		}));
		beforeEach(() => derive.mockClear());

		it('derives a value from fixed parameters once and shares it with every item', () => {
			const { context } = contextWith({ systemMessage: 'Be brief.', prompt: 'Hi' });
			const valueFor = new ItemParameters(context).perItem(derive);
			const values = [0, 1, 2].map(valueFor);
			expect(values).toEqual([0, 1, 2].map(() => ({ text: 'Be brief. Hi' })));
			expect(derive).toHaveBeenCalledTimes(1);
		});

		it('derives it for every item once any parameter it reads holds an expression', () => {
			const { context } = contextWith({ systemMessage: 'Be brief.', prompt: '={{ $json.text }}' });
			const valueFor = new ItemParameters(context).perItem(derive);
			expect(valueFor(1)).toEqual({ text: 'Be brief. "={{ $json.text }}" of item 1' });
			expect(valueFor(2)).toEqual({ text: 'Be brief. "={{ $json.text }}" of item 2' });
			expect(derive).toHaveBeenCalledTimes(2);
		});

		it('derives again after a failure, so that each item fails on its own', () => {
			const { context } = contextWith({ systemMessage: 'Be brief.', prompt: 'Hi' }, [0]);
			const valueFor = new ItemParameters(context).perItem(derive);
			expect(() => valueFor(0)).toThrow('cannot be read for item 0');
			expect(valueFor(1)).toEqual({ text: 'Be brief. Hi' });
			expect(valueFor(2)).toBe(valueFor(1));
			expect(derive).toHaveBeenCalledTimes(2);
		});
	});
});
