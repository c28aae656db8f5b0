import { errorDetailFromText } from '../../../nodes/engine/providers/provider-response';
import { PROVIDERS, providerById } from '../../../nodes/engine/providers/provider-registry';

describe('errorDetailFromText', () => {
	it.each(PROVIDERS.map((provider) => [provider.id, provider]))(
		'%s: quotes an error body that is not JSON (a proxy page), trimmed and cut to 500 characters',
		(_id, provider) => {
			expect(errorDetailFromText('  Bad Gateway\n', provider)).toStrictEqual({
				message: 'Bad Gateway',
			});
			const page = `<html>${'x'.repeat(1000)}</html>`;
			expect(errorDetailFromText(page, provider)).toStrictEqual({ message: page.slice(0, 500) });
			expect(errorDetailFromText(' \n ', provider)).toBeUndefined();
		},
	);

	it("reads a JSON body as the provider's own error, and says nothing for JSON of another shape", () => {
		const anthropic = providerById('anthropic');
		expect(
			errorDetailFromText(
				'{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
				anthropic,
			),
		).toStrictEqual({
			message: 'Overloaded',
			code: 'overloaded_error',
			kind: 'overloaded',
		});
		expect(errorDetailFromText('{"status":"failed"}', anthropic)).toBeUndefined();
	});
});
