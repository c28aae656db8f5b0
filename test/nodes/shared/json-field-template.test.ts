import {
	Expression,
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodeType,
} from 'n8n-workflow';
import { FusionChat } from '../../../nodes/FusionChat/FusionChat.node';
import { FusionChatModel } from '../../../nodes/FusionChatModel/FusionChatModel.node';
import { FusionModels } from '../../../nodes/FusionModels/FusionModels.node';
import { ItemParameters } from '../../../nodes/shared/item-parameters';
import { jsonFieldTemplateFrom } from '../../../nodes/shared/json-field-template';
import { runNodeInN8n } from '../../helpers/run-node-in-n8n';

/** Input items by name; every case below is evaluated for each of them. */
const ITEMS: Record<string, IDataObject> = {
	text: { text: 'Hello', a: { b: 'deep' }, 'my field': 'spaced', x: 'quoted' },
	tricky: { text: 'She said "{{ hi }}" \\ then\nleft', a: { b: '' }, 'my field': '', x: '' },
	empty: { text: '' },
	number: { text: 42, a: { b: 7 }, x: 1.5 },
	zero: { text: 0, x: false },
	null: { text: null, a: null },
	object: { text: { nested: 'x' }, a: ['b'] },
	array: { text: ['x'], list: ['first'] },
	missing: {},
	reserved: { binding: 'b', toString: 't', valueOf: 'v', constructor: 'c', $text: 'd' },
};
const ITEM_NAMES = Object.keys(ITEMS);

/** Each raw value, with the items whose value the fast path gives (n8n evaluates all others). */
const CASES: Array<[raw: string, fastFor: string[]]> = [
	['={{ $json.text }}', ['text', 'tricky', 'empty']],
	['={{$json.text}}', ['text', 'tricky', 'empty']],
	['={{\n\t$json.text\n}}', ['text', 'tricky', 'empty']],
	['= {{ $json.text }}', ['text', 'tricky', 'empty']],
	['={{ $json.a.b }}', ['text', 'tricky']],
	['={{ $json["my field"] }}', ['text', 'tricky']],
	["={{ $json['x'] }}", ['text', 'tricky']],
	['={{ $json[ \'a\' ][ "b" ] }}', ['text', 'tricky']],
	['=Summarize: {{ $json.text }}', ['text', 'tricky', 'empty']],
	['={{ $json.text }} / {{ $json.x }}', ['text', 'tricky']],
	['={{ $json.text }}{{ $json.x }}', ['text', 'tricky']],
	['=Line one\n{{ $json.text }}\n"That\'s all", she said.\n', ['text', 'tricky', 'empty']],
	// A field of a string is a grammar the fast path reads, and a value it leaves to n8n.
	['={{ $json.text.length }}', []],
	['={{ $json.text.trim() }}', []],
	["={{ $('Input Items').item.json.text }}", []],
	['={{ $json?.text }}', []],
	["={{ $json.text || 'none' }}", []],
	["={{ $json.text + '' }}", []],
	['={{ $json }}', []],
	['={{ $json.list[0] }}', []],
	['={{ $json.$text }}', []],
	['={{ $json.binding }}', []],
	['={{ $json.toString }}', []],
	['={{ $json["valueOf"] }}', []],
	['={{ $json["constructor"] }}', []],
	['=Use .constructor: {{ $json.text }}', []],
	['=\\{{ $json.text }}', []],
	['={{ $json["te\\u0078t"] }}', []],
	['=a { {{ $json.text }}', []],
	['={{ $json.text }}}', []],
	['={{ $json.text }', []],
	['=Plain text', []],
];

type Outcome = { value: unknown } | { error: string };

function outcomeOf(read: () => unknown): Outcome {
	try {
		return { value: read() };
	} catch (error) {
		return { error: error instanceof Error ? error.message : String(error) };
	}
}

interface ItemReport {
	item: string;
	n8n: Outcome;
	itemParameters: Outcome;
	askedN8n: boolean;
}

/**
 * A node that reads its `prompt` parameter for every input item twice: through n8n's own getNodeParameter,
 * and through ItemParameters, noting whether ItemParameters asked n8n.
 */
function probeNodeType(reports: ItemReport[]): INodeType {
	return {
		description: {
			displayName: 'Probe',
			name: 'probe',
			group: ['transform'],
			version: 1,
			description: 'Reads one parameter per item both ways',
			defaults: { name: 'Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [{ displayName: 'Prompt', name: 'prompt', type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions) {
			const items = this.getInputData();
			const asked = new Set<number>();
			const context: IExecuteFunctions = Object.create(this, {
				getNodeParameter: {
					value: (name: string, itemIndex: number, fallback?: unknown) => {
						asked.add(itemIndex);
						return this.getNodeParameter(name, itemIndex, fallback);
					},
				},
			});
			const parameters = new ItemParameters(context);
			items.forEach((_item, itemIndex) => {
				reports.push({
					item: ITEM_NAMES[itemIndex],
					n8n: outcomeOf(() => this.getNodeParameter('prompt', itemIndex)),
					itemParameters: outcomeOf(() => parameters.read('prompt', itemIndex)),
					askedN8n: asked.has(itemIndex),
				});
			});
			return [items];
		},
	};
}

async function readEveryItem(raw: string, executeOnce = false): Promise<ItemReport[]> {
	const reports: ItemReport[] = [];
	const { error } = await runNodeInN8n({
		nodeType: probeNodeType(reports),
		parameters: { prompt: raw },
		inputItems: Object.values(ITEMS),
		executeOnce,
	});
	expect(error).toBeUndefined();
	return reports;
}

function canLoadIsolatedVm(): boolean {
	try {
		require('isolated-vm');
		return true;
	} catch {
		return false;
	}
}

// n8n 2.x evaluates in an isolated VM by default (N8N_EXPRESSION_ENGINE=vm), `legacy` is its in-process engine,
// and QuickJS goes through the same bridge and in-isolate runtime as the VM. n8n loads those runtimes with
// dynamic imports, which jest runs only under `node --experimental-vm-modules`, and isolated-vm has builds for
// the Node versions n8n runs on (24), not every one. A plain `npx jest` skips the two it cannot start (jest
// reports them as skipped); `npm run test:expression-engines` (in CI) runs all three on n8n's own Node, where
// an engine that does not start fails.
const allEngines = process.env.FUSION_ALL_EXPRESSION_ENGINES === '1';
const canImportDynamically = (process.env.NODE_OPTIONS ?? '').includes('--experimental-vm-modules');
const ENGINES = [
	['legacy', true],
	['quickjs', allEngines || canImportDynamically],
	['vm', allEngines || (canImportDynamically && canLoadIsolatedVm())],
] as const;

describe.each(ENGINES)("ItemParameters and n8n's %s expression engine", (engine, available) => {
	// Options as n8n's defaults (ExpressionEngineConfig), at n8n's start.
	beforeAll(async () => {
		if (!available) return;
		await Expression.initExpressionEngine({
			engine,
			bridgeTimeout: 5000,
			bridgeMemoryLimit: 128,
			poolSize: 1,
			maxCodeCacheSize: 1024,
		});
	});
	afterAll(async () => {
		await Expression.disposeExpressionEngine();
		Expression.setExpressionEngine('legacy');
	});
	const test = available ? it : it.skip;

	test.each(CASES)('%j: the same value or error as n8n for every item', async (raw, fastFor) => {
		const reports = await readEveryItem(raw);
		expect(reports.map((report) => report.item)).toEqual(ITEM_NAMES);
		for (const report of reports) {
			expect({ item: report.item, outcome: report.itemParameters }).toEqual({
				item: report.item,
				outcome: report.n8n,
			});
		}
		const answeredAlone = reports.filter((report) => !report.askedN8n).map((report) => report.item);
		expect(answeredAlone).toEqual(fastFor);
	});

	test('leaves a node set to Execute Once to n8n', async () => {
		const [report] = await readEveryItem('={{ $json.text }}', true);
		expect(report).toEqual({
			item: 'text',
			n8n: { value: 'Hello' },
			itemParameters: { value: 'Hello' },
			askedN8n: true,
		});
	});
});

describe('jsonFieldTemplateFrom', () => {
	it('splits a template into literal text and field paths', () => {
		expect(
			jsonFieldTemplateFrom('=Summarize: {{ $json.text }} for {{ $json["my field"].b }}!'),
		).toEqual(['Summarize: ', ['text'], ' for ', ['my field', 'b'], '!']);
	});

	it('finds nothing to read in an expression without a field reference', () => {
		expect(jsonFieldTemplateFrom('=Plain text')).toBeUndefined();
		expect(jsonFieldTemplateFrom('={{ $json }}')).toBeUndefined();
		expect(jsonFieldTemplateFrom('{{ $json.text }}')).toBeUndefined();
	});
});

function propertiesWithin(properties: readonly INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => [
		property,
		...(property.options ?? []).flatMap((option) =>
			'values' in option
				? propertiesWithin(option.values)
				: 'displayName' in option && 'type' in option
					? propertiesWithin([option])
					: [],
		),
	]);
}

describe("this package's node parameters", () => {
	// n8n validates a parameter's evaluated value only against `validateType` (and a resource mapper's
	// schema); the fast path skips that step, so it is only equal while no parameter declares one.
	it.each([new FusionChat(), new FusionModels(), new FusionChatModel()])(
		'$description.displayName declares no validateType',
		(nodeType) => {
			const validated = propertiesWithin(nodeType.description.properties).filter(
				(property) => property.validateType !== undefined || property.type === 'resourceMapper',
			);
			expect(validated.map((property) => property.name)).toEqual([]);
		},
	);
});
