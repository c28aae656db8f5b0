import { FusionError } from '../../../nodes/engine/errors/fusion-error';
import { parseEventJson, parseJson } from '../../../nodes/engine/providers/parse-json';

describe('parseJson', () => {
	it('gives the value of JSON text, and undefined for anything else', () => {
		expect(parseJson('{"a":[1,null]}')).toEqual({ a: [1, null] });
		expect(parseJson('null')).toBeNull();
		expect(parseJson('<html>Bad Gateway</html>')).toBeUndefined();
		expect(parseJson('')).toBeUndefined();
	});
});

describe('parseEventJson', () => {
	it('says which stream sent an event that is not JSON, quoting its first 100 characters', () => {
		const data = `{"choices": [${'x'.repeat(200)}`;
		let thrown: unknown;
		try {
			parseEventJson(data, 'the Anthropic stream');
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(FusionError);
		expect(thrown).toMatchObject({
			kind: 'invalid_response',
			message: `the Anthropic stream sent an event that is not JSON: ${data.slice(0, 100)}`,
		});
	});
});
