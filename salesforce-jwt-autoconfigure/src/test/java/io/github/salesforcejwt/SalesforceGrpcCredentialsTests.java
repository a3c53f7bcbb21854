package io.github.salesforcejwt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SalesforceGrpcCredentials} against a real in-process gRPC server that
 * answers as the Pub/Sub API does: {@code UNAUTHENTICATED} for an ended session.
 */
class SalesforceGrpcCredentialsTests {

	private static final String ORG_ID = "00D410000012VvKEAU";

	private static final MethodDescriptor<String, String> WHO_AM_I = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName("eventbus.v1.PubSub/WhoAmI")
		.setRequestMarshaller(new Utf8())
		.setResponseMarshaller(new Utf8())
		.build();

	private final List<Metadata> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger logins = new AtomicInteger();

	private volatile String endedToken = "";

	private volatile Status failWith = Status.OK;

	private Server server;

	private ManagedChannel channel;

	@BeforeEach
	void startServer() throws IOException {
		String name = InProcessServerBuilder.generateName();
		ServerServiceDefinition service = ServerServiceDefinition.builder("eventbus.v1.PubSub")
			.addMethod(WHO_AM_I, ServerCalls.asyncUnaryCall((request, observer) -> {
				Metadata headers = this.received.get(this.received.size() - 1);
				if (!this.failWith.isOk()) {
					observer.onError(this.failWith.asRuntimeException());
					return;
				}
				if (this.endedToken.equals(headers.get(SalesforceGrpcCredentials.ACCESS_TOKEN))) {
					observer.onError(Status.UNAUTHENTICATED.withDescription("Session expired").asRuntimeException());
					return;
				}
				observer.onNext(headers.get(SalesforceGrpcCredentials.ACCESS_TOKEN));
				observer.onCompleted();
			}))
			.build();
		ServerInterceptor capture = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				SalesforceGrpcCredentialsTests.this.received.add(headers);
				return next.startCall(call, headers);
			}

		};
		this.server = InProcessServerBuilder.forName(name)
			.directExecutor()
			.addService(ServerInterceptors.intercept(service, capture))
			.build()
			.start();
		this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
	}

	@AfterEach
	void stopServer() {
		this.channel.shutdownNow();
		this.server.shutdownNow();
	}

	@Test
	void sendsTheAccessTokenInstanceUrlAndOrgIdOfTheSession() {
		SalesforceGrpcCredentials credentials = SalesforceGrpcCredentials.of(tokenManager());
		assertThat(call(credentials)).isEqualTo("00D!token1");
		Metadata headers = this.received.get(0);
		assertThat(headers.get(SalesforceGrpcCredentials.ACCESS_TOKEN)).isEqualTo("00D!token1");
		assertThat(headers.get(SalesforceGrpcCredentials.INSTANCE_URL)).isEqualTo("https://acme.my.salesforce.com");
		assertThat(headers.get(SalesforceGrpcCredentials.TENANT_ID)).isEqualTo(ORG_ID);
		assertThat(call(credentials)).isEqualTo("00D!token1");
		assertThat(this.logins).hasValue(1);
	}

	@Test
	void renewsTheSessionOnceAfterUnauthenticatedSoThatTheNextCallSucceeds() {
		SalesforceGrpcCredentials credentials = SalesforceGrpcCredentials.of(tokenManager());
		assertThat(call(credentials)).isEqualTo("00D!token1");
		this.endedToken = "00D!token1";
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> call(credentials))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
		assertThat(this.logins).hasValue(2);
		assertThat(call(credentials)).isEqualTo("00D!token2");
		assertThat(call(credentials)).isEqualTo("00D!token2");
		assertThat(this.logins).hasValue(2);
	}

	@Test
	void pausesRenewalsWhenTheTokenOfARenewalIsRefusedTooUntilACallIsAccepted() {
		SalesforceGrpcCredentials credentials = SalesforceGrpcCredentials.of(tokenManager());
		assertThat(call(credentials)).isEqualTo("00D!token1");
		// The API refuses every token, as when the user lacks the API Enabled permission
		this.failWith = Status.UNAUTHENTICATED.withDescription("API is disabled for this User");
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> call(credentials))
				.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
		}
		// One renewal after the first refusal; its token refused too, no more logins
		assertThat(this.logins).hasValue(2);
		this.failWith = Status.OK;
		assertThat(call(credentials)).isEqualTo("00D!token2");
		// Accepted again: the next ended session renews at once
		this.endedToken = "00D!token2";
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> call(credentials));
		assertThat(call(credentials)).isEqualTo("00D!token3");
		assertThat(this.logins).hasValue(3);
	}

	@Test
	void neverRenewsForAnotherFailure() {
		SalesforceGrpcCredentials credentials = SalesforceGrpcCredentials.of(tokenManager());
		assertThat(call(credentials)).isEqualTo("00D!token1");
		this.endedToken = "none";
		this.failWith = Status.PERMISSION_DENIED;
		assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> call(credentials))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
		assertThat(this.logins).hasValue(1);
	}

	private String call(SalesforceGrpcCredentials credentials) {
		return ClientCalls.blockingUnaryCall(
				io.grpc.ClientInterceptors.intercept(this.channel, credentials.clientInterceptor()), WHO_AM_I,
				io.grpc.CallOptions.DEFAULT, "?");
	}

	private SalesforceTokenManager tokenManager() {
		return new SalesforceTokenManager(() -> Mono.fromSupplier(() -> new SalesforceToken(
				"00D!token" + this.logins.incrementAndGet(), URI.create("https://acme.my.salesforce.com"),
				URI.create("https://login.salesforce.com/id/" + ORG_ID + "/005410000058zUdAAI"), "api", "Bearer",
				Instant.now())));
	}

	private static final class Utf8 implements MethodDescriptor.Marshaller<String> {

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
