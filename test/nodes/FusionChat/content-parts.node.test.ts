import type { IDataObject } from 'n8n-workflow';
import { MockProviderServer } from '../../mock-provider/mock-provider-server';
import { runFusionChat, type ChatItem } from './run-fusion-chat';

let server: MockProviderServer;
beforeAll(async () => {
	server = await MockProviderServer.start();
});
afterEach(() => server.reset());
afterAll(async () => server.close());

const PNG = `data:image/png;base64,${Buffer.alloc(300, 9).toString('base64')}`;

const withImage = (url: string, text: string): IDataObject => ({
	request: {
		model: 'openai/gpt-4o-mini',
		messages: [
			{
				role: 'user',
				content: [
					{ type: 'text', text },
					{ type: 'image_url', image_url: { url } },
				],
			},
		],
	},
});

describe('Fusion Chat in n8n, with content parts', () => {
	it('makes a bad part its item’s error, naming the field, while the other items answer', async () => {
		const { error, items } = await runFusionChat(
			server,
			{ inputMode: 'json', requestJson: '={{ $json.request }}' },
			[
				withImage(PNG, 'First'),
				withImage('data:image/tiff;base64,AAAA', 'Second'),
				withImage(PNG, 'Third'),
			],
			true,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect((items[0].json as unknown as ChatItem).choices[0].message.content).toBe(
			'[gpt-4o-mini] answer to: First',
		);
		expect(items[1].json).toEqual({
			error:
				'Invalid request: messages[0].content[1].image_url.url is a data URL of image/tiff, which is not a supported image type (png, jpeg, gif, webp)',
		});
		expect((items[2].json as unknown as ChatItem).choices[0].message.content).toBe(
			'[gpt-4o-mini] answer to: Third',
		);
		// Only the two valid items went upstream, each with its image part as sent.
		expect(server.requests).toHaveLength(2);
		expect(server.requests[0].body).toMatchObject({
			messages: [
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'First' },
						{ type: 'image_url', image_url: { url: PNG } },
					],
				},
			],
		});
	});
});
