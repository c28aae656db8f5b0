import type { ReadParameter } from '../../shared/item-parameters';
import { InvalidRequestError, parseJson } from './invalid-request';

/**
 * `tools` from the Tools (JSON) option: JSON text, or a list from an expression. Empty, or an empty list, is
 * no tools, so that clearing the field turns them off; what the list holds is checked as the request's
 * `tools` is, each issue naming the tool and field.
 */
export function toolsFromFields(read: ReadParameter): unknown {
	const raw = read('options.tools', '');
	if (typeof raw === 'string' && raw.trim() === '') return undefined;
	const parsed = typeof raw === 'string' ? parseJson(raw) : { ok: true as const, value: raw };
	if (!parsed.ok)
		throw new InvalidRequestError([`Tools (JSON) is not valid JSON (${parsed.reason})`]);
	if (Array.isArray(parsed.value) && parsed.value.length === 0) return undefined;
	return parsed.value;
}
