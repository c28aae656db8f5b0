import type {
	ModelAnswer,
	ModelCallRequest,
	ProviderConnection,
} from '../../../nodes/engine/providers/provider-adapter';
import type { ProviderDefinition } from '../../../nodes/engine/providers/provider-registry';
import {
	answerFromBody,
	fusionErrorFromResponse,
	readJsonBody,
} from '../../../nodes/engine/providers/provider-response';
import { readSseStream } from '../../../nodes/engine/transport/read-sse-stream';
import { sendUpstream } from '../../../nodes/engine/transport/send-upstream';
import { DEFAULT_TIMEOUTS } from '../../../nodes/engine/transport/timeouts';

/**
 * One model call as the engine makes it, without its strategies: the adapter builds the request, the transport
 * sends it over real HTTP, and the answer is read whole or assembled from the stream. For adapter features the
 * routing layer does not pass on yet; an upstream refusal throws the FusionError the engine would see.
 */
export async function exchangeOverHttp(
	provider: ProviderDefinition,
	request: ModelCallRequest,
	connection: ProviderConnection,
): Promise<ModelAnswer> {
	const { http } = provider.adapter.toChatRequest(request, connection);
	const response = await sendUpstream(http, { timeouts: DEFAULT_TIMEOUTS });
	try {
		if (response.status >= 300) throw await fusionErrorFromResponse(response, provider, http.url);
		if (!request.stream)
			return answerFromBody(await readJsonBody(response, provider, http.url, 'answer'), provider);
		const assembler = provider.adapter.createStreamAssembler();
		await readSseStream(response.body, (event) => {
			assembler.push(event);
			return assembler.hasEnded();
		});
		return assembler.finish();
	} finally {
		response.done();
	}
}
