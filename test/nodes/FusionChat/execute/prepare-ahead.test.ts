import { prepareAhead } from '../../../../nodes/FusionChat/execute/prepare-ahead';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('prepareAhead', () => {
	it("gives each item's value, or throws its error, preparing every item once and in order", () => {
		const prepare = jest.fn((index: number) => {
			if (index === 1) throw new Error('item 1 is broken');
			return `request ${index}`;
		});
		const take = prepareAhead(3, prepare);
		expect(take(0)).toBe('request 0');
		expect(() => take(1)).toThrow('item 1 is broken');
		expect(take(2)).toBe('request 2');
		expect(prepare.mock.calls.map(([index]) => index)).toEqual([0, 1, 2]);
	});

	it('prepares the later items on the following turns of the event loop, one a turn, through the last', async () => {
		const prepared: number[] = [];
		const take = prepareAhead(4, (index) => prepared.push(index));
		take(0);
		expect(prepared).toEqual([0]);
		await nextTurn();
		expect(prepared).toEqual([0, 1]);
		await nextTurn();
		expect(prepared).toEqual([0, 1, 2]);
		for (let turn = 0; turn < 5; turn++) await nextTurn();
		expect(prepared).toEqual([0, 1, 2, 3]);
	});

	it('takes what was prepared ahead, errors included, without preparing it again', async () => {
		let preparations = 0;
		const take = prepareAhead(3, (index) => {
			preparations++;
			if (index === 2) throw new Error('item 2 is broken');
			return `request ${index}`;
		});
		take(0);
		for (let turn = 0; turn < 5; turn++) await nextTurn();
		expect(preparations).toBe(3);
		take(1);
		expect(() => take(2)).toThrow('item 2 is broken');
		expect(preparations).toBe(3);
	});

	it('prepares on demand what is taken before its turn came', () => {
		const prepared: number[] = [];
		const take = prepareAhead(5, (index) => prepared.push(index));
		take(0);
		take(1);
		take(2);
		expect(prepared).toEqual([0, 1, 2]);
	});
});
