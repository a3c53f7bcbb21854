package io.github.salesforcejwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObservedSalesforceTokenClient}.
 */
class ObservedSalesforceTokenClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final RecordedObservations observations = new RecordedObservations();

	private final ObservedSalesforceTokenClient observed = new ObservedSalesforceTokenClient(this.client,
			this.observations.registry, null, "acme");

	@Test
	void observesASuccessfulTokenRequest() {
		StepVerifier.create(this.observed.requestToken()).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.observations.keyValues()).containsExactly("error.code=none org=acme outcome=success");
		Observation.Context context = this.observations.stopped().get(0);
		assertThat(context).isInstanceOf(SalesforceLoginObservationContext.class);
		assertThat(context.getName()).isEqualTo("salesforce.jwt.login");
		assertThat(context.getContextualName()).isEqualTo("salesforce jwt login");
		assertThat(context.getError()).isNull();
	}

	@Test
	void recordsTheLoginOnceAndBeforeItsTokenOrFailureIsHandedOn() {
		List<Integer> stoppedWhenHandedOn = new ArrayList<>();
		StepVerifier.create(this.observed.requestToken()
			.doOnNext((token) -> stoppedWhenHandedOn.add(this.observations.stopped().size()))
			.flux()
			.take(1))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		StepVerifier.create(this.observed.requestToken()
			.doOnError((ex) -> stoppedWhenHandedOn.add(this.observations.stopped().size()))
			.onErrorResume((ex) -> Mono.empty())).expectComplete().verify(TIMEOUT);
		assertThat(stoppedWhenHandedOn).containsExactly(1, 2);
		assertThat(this.observations.stopped()).hasSize(2);
	}

	@Test
	void observesATransientFailureWithSalesforcesErrorCode() {
		SalesforceAuthenticationException failure = SalesforceAuthenticationException.rejected(503, "server_error",
				"maintenance");
		this.client.next(Mono.error(failure));
		StepVerifier.create(this.observed.requestToken()).expectErrorSatisfies((ex) -> assertThat(ex).isSameAs(failure))
			.verify(TIMEOUT);
		assertThat(this.observations.keyValues())
			.containsExactly("error.code=server_error org=acme outcome=transient_failure");
		assertThat(this.observations.stopped().get(0).getError()).isSameAs(failure);
	}

	@Test
	void observesAnyOtherExceptionAsATransientFailureWithoutAnErrorCode() {
		this.client.next(Mono.error(new IllegalStateException("connection reset")));
		StepVerifier.create(this.observed.requestToken()).expectError(IllegalStateException.class).verify(TIMEOUT);
		assertThat(this.observations.keyValues())
			.containsExactly("error.code=none org=acme outcome=transient_failure");
	}

	@Test
	void observesARefusalAsRejected() {
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		StepVerifier.create(this.observed.requestToken()).expectError(SalesforceAuthenticationException.class)
			.verify(TIMEOUT);
		assertThat(this.observations.keyValues()).containsExactly("error.code=invalid_grant org=acme outcome=rejected");
	}

	@Test
	void failsAndObservesATokenClientThatAnswersNoToken() {
		this.client.next(Mono.empty());
		StepVerifier.create(this.observed.requestToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SalesforceAuthenticationException.class)
				.hasMessageContaining("completed without a token"))
			.verify(TIMEOUT);
		assertThat(this.observations.keyValues()).containsExactly("error.code=none org=acme outcome=rejected");
	}

	@Test
	void makesOneObservationForEachTokenRequest() {
		Mono<SalesforceToken> request = this.observed.requestToken();
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		StepVerifier.create(request.retry(2)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.observations.outcomes()).containsExactly("transient_failure", "success");
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void makesTheTokenRequestsOwnObservationsItsChildren() {
		AtomicReference<Observation> parent = new AtomicReference<>();
		ObservedSalesforceTokenClient observed = new ObservedSalesforceTokenClient(
				() -> Mono.deferContextual((context) -> {
					parent.set(context.get(ObservationThreadLocalAccessor.KEY));
					Observation.createNotStarted("http.client.requests", this.observations.registry)
						.parentObservation(parent.get())
						.start()
						.stop();
					return Mono.just(ScriptedTokenClient.token("one"));
				}), this.observations.registry, null, "acme");
		StepVerifier.create(observed.requestToken()).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(this.observations.stopped()).extracting(Observation.Context::getName)
			.containsExactly("http.client.requests", "salesforce.jwt.login");
		assertThat(parent.get().getContext()).isSameAs(this.observations.stopped().get(1));
		assertThat(this.observations.stopped().get(0).getParentObservation()).isSameAs(parent.get());
	}

	@Test
	void stopsTheObservationOfACancelledTokenRequest() {
		Sinks.One<SalesforceToken> never = Sinks.one();
		this.client.next(never.asMono());
		this.observed.requestToken().subscribe().dispose();
		assertThat(this.observations.keyValues()).containsExactly("error.code=none org=acme outcome=unknown");
	}

	@Test
	void usesACustomConvention() {
		ObservedSalesforceTokenClient observed = new ObservedSalesforceTokenClient(this.client,
				this.observations.registry, new DefaultSalesforceLoginObservationConvention("acme.salesforce.login"),
				"acme");
		observed.requestToken().block(TIMEOUT);
		assertThat(this.observations.stopped()).singleElement()
			.satisfies((context) -> assertThat(context.getName()).isEqualTo("acme.salesforce.login"));
	}

}
