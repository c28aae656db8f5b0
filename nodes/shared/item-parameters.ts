import type { IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import {
	jsonFieldTemplateFrom,
	jsonFieldText,
	type JsonFieldTemplate,
} from './json-field-template';

/** Reads one item's parameter; `name` may be a path into a collection, as n8n's `getNodeParameter` takes it. */
export type ReadParameter = (name: string, fallback?: unknown) => unknown;

/**
 * Whether n8n evaluates anything in a parameter's raw value (as saved in the workflow) per item: an
 * expression is a string starting with "=", and inside collections, fixed collections and resource locators
 * every nested value is resolved the same way.
 */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

/** The raw value at `path` ("fallbackModels.models"), as n8n looks it up before resolving it. */
function rawValueAt(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * The items whose `json` n8n's expressions read as `$json`, when they are this node's own input items, else
 * null. n8n's `$json` for item i is `connectionInputData[i].json` (WorkflowDataProxy, short syntax), and
 * `$input.all()` hands out that very array unless the workflow's binary mode is "combined". It is the array
 * `getInputData()` returns for a node with one main input; not with "Execute Once" (the node's input is then
 * cut to a new array of one item), nor for a tool an agent calls (its input is the agent's call). Any other
 * answer, an error included (no input at all), leaves every expression to n8n. Asked once per execution: a
 * data proxy costs tens of microseconds, a read on the fast path about one.
 */
function inputItemsReadAsJson(context: IExecuteFunctions): INodeExecutionData[] | null {
	try {
		const items = context.getInputData();
		return context.getWorkflowDataProxy(0).$input.all() === items ? items : null;
	} catch {
		return null;
	}
}

/**
 * A node's parameters as its item loop reads them. n8n resolves a parameter anew on every read, and that
 * work (a lookup, a deep walk, validation, and for an expression the sandbox) is most of a node's cost per
 * item. A parameter without an expression has the same value for every item, so it is read once per
 * execution and that value is shared: callers must not change what they are given. A read that fails is not
 * kept, so that every item gets its own error from n8n, with its own item index.
 *
 * An expression that only joins literal text and fields of the item's JSON (`={{ $json.text }}`, see
 * jsonFieldTemplateFrom) is read without n8n when every field it names holds a string, since n8n's
 * evaluation (about 0.85 ms per item in n8n 2.40's isolated VM) gives that same string:
 * - getNodeParameter finds the raw string, evaluates it (Expression.resolveSimpleParameterValue: the "="
 *   dropped, the `.constructor` test, extension calls rewritten only where there is a call, tournament's
 *   template: a lone reference returns its value, text and string values are joined as they are), cleans up
 *   only objects (cleanupParameterData), converts only when asked to (extractValue, ensureType: never here),
 *   and validates only a property with `validateType` or a resource mapper (validateValueAgainstSchema: this
 *   package declares neither, which a test checks);
 * - `$json` is the input item's own `json` (see inputItemsReadAsJson), paired items play no part in it, and
 *   both engines read a field there as it is, the sanitizer's refused names and inherited ones aside.
 * Any other value, and every error, comes from n8n as before.
 */
export class ItemParameters {
	private readonly parameters: INodeParameters;
	private readonly fixedValues = new Map<string, unknown>();
	private readonly templates = new Map<string, JsonFieldTemplate | undefined>();
	private jsonItems: INodeExecutionData[] | null | undefined;

	constructor(private readonly context: IExecuteFunctions) {
		this.parameters = context.getNode().parameters;
	}

	/** Whether `name` has the same value for every item of this execution. */
	isFixed(name: string): boolean {
		return !holdsExpression(rawValueAt(this.parameters, name));
	}

	read(name: string, itemIndex: number, fallback?: unknown): unknown {
		const raw = rawValueAt(this.parameters, name);
		// n8n answers an absent parameter with the caller's fallback (which differs between callers: nothing to
		// keep), or with an error when there is none.
		if (raw === undefined)
			return fallback === undefined ? this.context.getNodeParameter(name, itemIndex) : fallback;
		if (holdsExpression(raw))
			return (
				this.jsonFieldTextOf(name, raw, itemIndex) ??
				this.context.getNodeParameter(name, itemIndex, fallback)
			);
		if (!this.fixedValues.has(name))
			this.fixedValues.set(name, this.context.getNodeParameter(name, itemIndex, fallback));
		return this.fixedValues.get(name);
	}

	/** The text of an expression made of literal text and string fields of the item's JSON, else undefined. */
	private jsonFieldTextOf(name: string, raw: unknown, itemIndex: number): string | undefined {
		if (typeof raw !== 'string') return undefined;
		if (!this.templates.has(name)) this.templates.set(name, jsonFieldTemplateFrom(raw));
		const template = this.templates.get(name);
		if (template === undefined) return undefined;
		if (this.jsonItems === undefined) this.jsonItems = inputItemsReadAsJson(this.context);
		const item = this.jsonItems?.[itemIndex];
		return item === undefined ? undefined : jsonFieldText(template, item.json);
	}

	/**
	 * `derive` for each item, given that item's parameters. A value derived from fixed parameters alone is
	 * the same for every item: once derived, it is shared. A failure is derived again for the next item,
	 * since each item's error must carry its own index.
	 */
	perItem<Value>(derive: (read: ReadParameter) => Value): (itemIndex: number) => Value {
		let shared: { value: Value } | undefined;
		return (itemIndex) => {
			if (shared !== undefined) return shared.value;
			let readsAnExpression = false;
			const value = derive((name, fallback) => {
				if (!this.isFixed(name)) readsAnExpression = true;
				return this.read(name, itemIndex, fallback);
			});
			if (!readsAnExpression) shared = { value };
			return value;
		};
	}
}
