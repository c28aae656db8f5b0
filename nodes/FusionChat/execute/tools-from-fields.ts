import type { ReadParameter } from '../../shared/item-parameters';
import { jsonFieldValue } from './invalid-request';

/**
 * `tools` from the Tools (JSON) option: JSON text, or a list from an expression. Empty, or an empty list, is
 * no tools, so that clearing the field turns them off; what the list holds is checked as the request's
 * `tools` is, each issue naming the tool and field.
 */
export function toolsFromFields(read: ReadParameter): unknown {
	const value = jsonFieldValue(read('options.tools', ''), 'Tools (JSON)');
	return Array.isArray(value) && value.length === 0 ? undefined : value;
}
