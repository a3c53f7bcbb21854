package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;

/**
 * Closes a pooled HTTP/1.1 connection of the Salesforce clients that has carried no request
 * for {@code salesforce.jwt.connections.max-idle-time} since its last response, before
 * Salesforce's edge (or a load balancer in front of it) closes it and a request sent on it
 * fails without an answer. A connection waiting for a response is never closed, however
 * long the response takes. The connections stay in the application's Reactor Netty pool,
 * which drops a closed one rather than hand it out.
 *
 * @author salesforce-jwt
 */
final class IdleConnectionCloser extends ChannelDuplexHandler {

	private static final String NAME = "salesforceIdleConnectionCloser";

	private final long maxIdleNanos;

	private @Nullable ScheduledFuture<?> closing;

	private IdleConnectionCloser(Duration maxIdleTime) {
		this.maxIdleNanos = maxIdleTime.toNanos();
	}

	/**
	 * Return the given client, its HTTP/1.1 connections closed after the given idle time.
	 * @param client the client
	 * @param maxIdleTime how long a connection may stay idle
	 * @return the client
	 */
	static HttpClient apply(HttpClient client, Duration maxIdleTime) {
		return client.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
				channel.pipeline().addAfter(NettyPipeline.HttpCodec, NAME, new IdleConnectionCloser(maxIdleTime));
			}
		});
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof HttpRequest) {
			// In use again
			cancel();
		}
		super.write(ctx, msg, promise);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		// Read before handing on: the next handler may release the message
		boolean responseEnded = msg instanceof LastHttpContent;
		super.channelRead(ctx, msg);
		if (responseEnded) {
			cancel();
			this.closing = ctx.executor().schedule(() -> {
				ctx.close();
			}, this.maxIdleNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancel();
		super.channelInactive(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	private void cancel() {
		ScheduledFuture<?> closing = this.closing;
		if (closing != null) {
			closing.cancel(false);
			this.closing = null;
		}
	}

}
