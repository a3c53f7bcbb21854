package io.github.salesforcejwt;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * gRPC credentials from a Salesforce session, for the Pub/Sub API: every call carries the
 * session's {@code accesstoken}, {@code instanceurl} and {@code tenantid} (the org id)
 * metadata, and a call that ends {@code UNAUTHENTICATED} renews the session tied to the
 * token it carried (one shared login with every other client of the session), so that the
 * application's next call, or its resubscription, uses a fresh token. When the token of that
 * renewal is refused too before any call was accepted with it, no login cures the refusal
 * (the user lacks the API Enabled permission, for instance): renewals pause, longer each
 * time, until a call is accepted, rather than log in for every call or resubscription.
 * <pre class="code">
 * SalesforceGrpcCredentials credentials = SalesforceGrpcCredentials.of(clients.session("default"));
 * PubSubGrpc.PubSubStub pubSub = PubSubGrpc.newStub(channel)
 *     .withCallCredentials(credentials.callCredentials())
 *     .withInterceptors(credentials.clientInterceptor());
 * </pre>
 *
 * @author salesforce-jwt
 */
public final class SalesforceGrpcCredentials {

	/**
	 * The metadata key of the access token.
	 */
	public static final Metadata.Key<String> ACCESS_TOKEN = Metadata.Key.of("accesstoken",
			Metadata.ASCII_STRING_MARSHALLER);

	/**
	 * The metadata key of the instance URL.
	 */
	public static final Metadata.Key<String> INSTANCE_URL = Metadata.Key.of("instanceurl",
			Metadata.ASCII_STRING_MARSHALLER);

	/**
	 * The metadata key of the org id.
	 */
	public static final Metadata.Key<String> TENANT_ID = Metadata.Key.of("tenantid", Metadata.ASCII_STRING_MARSHALLER);

	private static final CallOptions.Key<TokenHolder> SENT_TOKEN = CallOptions.Key.create("salesforceToken");

	private final SalesforceTokenManager tokenManager;

	private final CallCredentials callCredentials = new SessionCallCredentials();

	private final ClientInterceptor clientInterceptor = new RenewingInterceptor();

	/**
	 * The token of the last renewal, until a call made with it is accepted.
	 */
	private final AtomicReference<@Nullable SalesforceToken> renewedNotYetAccepted = new AtomicReference<>();

	/**
	 * The token of the last call accepted.
	 */
	private volatile @Nullable SalesforceToken lastAccepted;

	private SalesforceGrpcCredentials(SalesforceTokenManager tokenManager) {
		this.tokenManager = tokenManager;
	}

	/**
	 * Return the credentials of a session.
	 * @param session the session
	 * @return the credentials
	 */
	public static SalesforceGrpcCredentials of(SalesforceSession session) {
		Assert.notNull(session, "'session' must not be null");
		return of(session.getTokenManager());
	}

	/**
	 * Return the credentials of a session's token manager.
	 * @param tokenManager the token manager
	 * @return the credentials
	 */
	public static SalesforceGrpcCredentials of(SalesforceTokenManager tokenManager) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		return new SalesforceGrpcCredentials(tokenManager);
	}

	/**
	 * Return the call credentials that add the session's metadata to each call.
	 * @return the call credentials
	 */
	public CallCredentials callCredentials() {
		return this.callCredentials;
	}

	/**
	 * Return the interceptor that renews the session when a call ends
	 * {@code UNAUTHENTICATED}; it also adds the call credentials to each call.
	 * @return the interceptor
	 */
	public ClientInterceptor clientInterceptor() {
		return this.clientInterceptor;
	}

	@Override
	public String toString() {
		return "SalesforceGrpcCredentials";
	}

	/**
	 * Adds the metadata of the session's current token (logging in first if needed), and
	 * remembers which token the call carried.
	 */
	private final class SessionCallCredentials extends CallCredentials {

		@Override
		public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
			TokenHolder sent = requestInfo.getCallOptions().getOption(SENT_TOKEN);
			SalesforceGrpcCredentials.this.tokenManager.getToken().subscribe((token) -> {
				if (sent != null) {
					sent.token = token;
				}
				Metadata headers = new Metadata();
				headers.put(ACCESS_TOKEN, token.getAccessToken());
				headers.put(INSTANCE_URL, token.getInstanceUrl().toString());
				if (token.getOrganizationId() != null) {
					headers.put(TENANT_ID, token.getOrganizationId());
				}
				applier.apply(headers);
			}, (ex) -> applier.fail(Status.UNAUTHENTICATED.withDescription("Salesforce login failed: " + ex.getMessage())
				.withCause(ex)));
		}

	}

	/**
	 * Renews the session tied to the token a call carried when the call ends
	 * {@code UNAUTHENTICATED}.
	 */
	private final class RenewingInterceptor implements ClientInterceptor {

		@Override
		public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions callOptions,
				Channel next) {
			TokenHolder sent = new TokenHolder();
			CallOptions options = callOptions.withCallCredentials(SalesforceGrpcCredentials.this.callCredentials)
				.withOption(SENT_TOKEN, sent);
			return new SimpleForwardingClientCall<>(next.newCall(method, options)) {

				@Override
				public void start(Listener<R> responseListener, Metadata headers) {
					super.start(new SimpleForwardingClientCallListener<>(responseListener) {

						@Override
						public void onHeaders(Metadata headers) {
							// The server took the call: its token is good
							SalesforceToken token = sent.token;
							if (token != null) {
								accepted(token);
							}
							super.onHeaders(headers);
						}

						@Override
						public void onClose(Status status, Metadata trailers) {
							SalesforceToken token = sent.token;
							if (status.getCode() == Status.Code.UNAUTHENTICATED && token != null) {
								refused(token, status.getDescription());
							}
							super.onClose(status, trailers);
						}

					}, headers);
				}

			};
		}

	}

	private void accepted(SalesforceToken token) {
		this.lastAccepted = token;
		this.renewedNotYetAccepted.compareAndSet(token, null);
		this.tokenManager.reportAccepted(token);
	}

	/**
	 * A call was refused with the given token: renew the session, unless the token is that
	 * of a renewal no call has been accepted with yet. Then a login does not cure the
	 * refusal, and the token manager pauses renewals (see
	 * {@link SalesforceTokenManager#renewAfterRetryRefused}) rather than log in for every
	 * call or resubscription. A refusal of a token that is no longer the current one (a
	 * slow call's) changes nothing: the next call carries the current token. The token
	 * manager logs a failed login; the next call reports it.
	 */
	private void refused(SalesforceToken token, @Nullable String message) {
		SalesforceToken current = this.tokenManager.getCurrentToken();
		if (current != null && current != token) {
			return;
		}
		Mono<SalesforceToken> renewal = (this.renewedNotYetAccepted.get() == token)
				? this.tokenManager.renewAfterRetryRefused(token, message) : this.tokenManager.renewToken(token);
		renewal.subscribe(this::renewed, (ex) -> {
		});
	}

	private void renewed(SalesforceToken token) {
		this.renewedNotYetAccepted.set(token);
		if (this.lastAccepted == token) {
			// A call was accepted with it meanwhile
			this.renewedNotYetAccepted.compareAndSet(token, null);
		}
	}

	/**
	 * The token a call carried, set by the call credentials.
	 */
	private static final class TokenHolder {

		volatile @Nullable SalesforceToken token;

	}

}
