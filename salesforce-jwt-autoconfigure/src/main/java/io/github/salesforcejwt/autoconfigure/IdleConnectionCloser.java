package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.client.HttpClient;

/**
 * Closes a pooled HTTP/1.1 connection of the Salesforce clients that has carried no request
 * for {@code salesforce.jwt.connections.max-idle-time} since its last response, before
 * Salesforce's edge (or a load balancer in front of it) closes it and a request sent on it
 * fails without an answer. A connection waiting for a response, or handed to a request, is
 * never closed, however long the response takes. HTTP/2 connections are left as they are. The connections stay in the application's Reactor Netty pool,
 * which drops a closed one rather than hand it out.
 *
 * @author salesforce-jwt
 */
final class IdleConnectionCloser extends ChannelDuplexHandler {

	private static final String NAME = "salesforceIdleConnectionCloser";

	private final long maxIdleNanos;

	/**
	 * Whether a request was written whose response has not ended yet.
	 */
	private boolean awaitingResponse;

	/**
	 * Whether the response being read is an informational (1xx) one.
	 */
	private boolean informational;

	/**
	 * When the last response ended.
	 */
	private long idleSince;

	/**
	 * The check that closes the connection, scheduled at most once at a time: not once per
	 * request (as Netty's {@code IdleStateHandler} does).
	 */
	private @Nullable ScheduledFuture<?> check;

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
			this.awaitingResponse = true;
		}
		super.write(ctx, msg, promise);
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		// A connection whose first request never went out is idle too
		this.idleSince = System.nanoTime();
		schedule(ctx, this.maxIdleNanos);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		// Before handing it on: the end of a response releases the connection to the pool,
		// which may hand it to a waiting request at once, on this thread
		if (msg instanceof HttpResponse response) {
			// A 100 Continue ends with a LastHttpContent of its own; the final answer follows
			this.informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
		}
		if (msg instanceof LastHttpContent && !this.informational) {
			this.awaitingResponse = false;
			this.idleSince = System.nanoTime();
			if (this.check == null) {
				schedule(ctx, this.maxIdleNanos);
			}
		}
		super.channelRead(ctx, msg);
	}

	private void schedule(ChannelHandlerContext ctx, long delayNanos) {
		this.check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
	}

	private void check(ChannelHandlerContext ctx) {
		this.check = null;
		if (this.awaitingResponse || !ctx.channel().isActive()) {
			// The response's end schedules the next check
			return;
		}
		if (ChannelOperations.get(ctx.channel()) != null) {
			// Handed to a request that has not been written yet: not idle
			schedule(ctx, this.maxIdleNanos);
			return;
		}
		long idle = System.nanoTime() - this.idleSince;
		if (idle >= this.maxIdleNanos) {
			ctx.close();
		}
		else {
			schedule(ctx, this.maxIdleNanos - idle);
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
		ScheduledFuture<?> check = this.check;
		if (check != null) {
			check.cancel(false);
			this.check = null;
		}
	}

}
