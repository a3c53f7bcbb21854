package io.github.salesforcejwt;

import java.nio.ByteBuffer;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * The start of a response body, read up to a limit, with the whole body still to be handed
 * on, byte for byte, as it streams in: nothing past the limit is read before the consumer
 * asks for it.
 *
 * @param prefix the first buffers of the body, as many as it took to reach the limit or
 * the end
 * @param body the whole body, the prefix included; it can be subscribed to once
 * @author salesforce-jwt
 */
record PeekedBody(List<DataBuffer> prefix, Flux<DataBuffer> body) {

	/**
	 * Read the start of a body.
	 * @param body the body, which can be subscribed to once
	 * @param limit how many bytes to read at most, give or take a buffer
	 * @return the peeked body; the prefix is empty for an empty body or one that failed
	 * before its first buffer
	 */
	static Mono<PeekedBody> peek(Flux<DataBuffer> body, int limit) {
		return Flux.defer(() -> {
			long[] size = { 0 };
			return body.bufferUntil((buffer) -> (size[0] += buffer.readableByteCount()) >= limit);
		})
			// The rest is subscribed to later, by whoever reads the response
			.switchOnFirst((first, chunks) -> Mono.just(new PeekedBody(first.hasValue() ? first.get() : List.of(),
					chunks.concatMapIterable((buffers) -> buffers))), false)
			.single();
	}

	/**
	 * Return whether the prefix is the whole body: it is shorter than the limit.
	 * @param limit the limit the body was peeked with
	 * @return whether the prefix holds the whole body
	 */
	boolean isWhole(int limit) {
		return size() < limit;
	}

	/**
	 * Return the prefix as one array.
	 * @return the bytes of the prefix
	 */
	byte[] prefixBytes() {
		byte[] bytes = new byte[size()];
		int offset = 0;
		for (DataBuffer buffer : this.prefix) {
			int length = buffer.readableByteCount();
			buffer.toByteBuffer(buffer.readPosition(), ByteBuffer.wrap(bytes), offset, length);
			offset += length;
		}
		return bytes;
	}

	/**
	 * Read the body to its end and release it, when it will not be handed on.
	 * @return completes when the body is released
	 */
	Mono<Void> release() {
		return this.body.doOnNext(DataBufferUtils::release).then();
	}

	/**
	 * Return a response with this body, whole again, in place of its own. The body is
	 * replaced through a transformation that ignores the original: {@code body(Flux)}
	 * would release the original by subscribing to it a second time, which Reactor Netty
	 * rejects.
	 * @param response the response whose body was peeked
	 * @return the response to hand on
	 */
	ClientResponse handOn(ClientResponse response) {
		return response.mutate().body((original) -> this.body).build();
	}

	private int size() {
		int size = 0;
		for (DataBuffer buffer : this.prefix) {
			size += buffer.readableByteCount();
		}
		return size;
	}

}
