import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

/**
 * The parameter n8n's editor would take for the node's "authentication" field, if any: the editor hides that
 * parameter and every parameter its credential slots depend on, and rewrites it when a credential is picked.
 * The editor's rule (nodeTypesUtils' getMainAuthField): among the top-level parameters that some credential
 * slot's `displayOptions.show` names, a parameter called `authentication` without a "none" option, or else the
 * first one whose every option value appears in those conditions (a parameter without options qualifies).
 *
 * The browser suite proves the real editor's behaviour; this catches a description that reintroduces the
 * shape before anyone opens a browser.
 */
export function editorAuthenticationField(
	description: INodeTypeDescription,
): INodeProperties | undefined {
	const shownFor = new Map<string, string[]>();
	for (const slot of description.credentials ?? []) {
		for (const [name, values] of Object.entries(slot.displayOptions?.show ?? {})) {
			shownFor.set(name, [
				...(shownFor.get(name) ?? []),
				...(values ?? []).map((value) => String(value)),
			]);
		}
	}
	const dependencies = description.properties.filter((property) => shownFor.has(property.name));
	const named = dependencies.find(
		(property) =>
			property.name === 'authentication' &&
			!property.options?.some((option) => 'value' in option && option.value === 'none'),
	);
	if (named) return named;
	return dependencies.find((property) =>
		(property.options ?? []).every(
			(option) => 'value' in option && shownFor.get(property.name)?.includes(String(option.value)),
		),
	);
}
