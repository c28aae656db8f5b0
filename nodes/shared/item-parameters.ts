import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

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
 * A node's parameters as its item loop reads them. n8n resolves a parameter anew on every read, and that
 * work (a lookup, a deep walk, validation, and for an expression the sandbox) is most of a node's cost per
 * item. A parameter without an expression has the same value for every item, so it is read once per
 * execution and that value is shared: callers must not change what they are given. A read that fails is not
 * kept, so that every item gets its own error from n8n, with its own item index.
 */
export class ItemParameters {
	private readonly parameters: INodeParameters;
	private readonly fixedValues = new Map<string, unknown>();

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
		if (holdsExpression(raw)) return this.context.getNodeParameter(name, itemIndex, fallback);
		if (!this.fixedValues.has(name))
			this.fixedValues.set(name, this.context.getNodeParameter(name, itemIndex, fallback));
		return this.fixedValues.get(name);
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
