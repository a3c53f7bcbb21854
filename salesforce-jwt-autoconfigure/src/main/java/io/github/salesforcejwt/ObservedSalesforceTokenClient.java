package io.github.salesforcejwt;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.salesforcejwt.SalesforceLoginObservationContext.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link SalesforceTokenClient} that makes one
 * {@link SalesforceObservationDocumentation#LOGIN login observation} for each token
 * request of its delegate, with the outcome {@code success}, {@code transient_failure} or
 * {@code rejected} and Salesforce's error code. The delegate's own observations, such as
 * the {@code http.client.requests} of the token request, become its children.
 *
 * @author salesforce-jwt
 * @see SalesforceTokenClients#resilient
 */
public final class ObservedSalesforceTokenClient implements SalesforceTokenClient {

	private final SalesforceTokenClient delegate;

	private final SalesforceLoginObservations observations;

	/**
	 * Create a new client.
	 * @param delegate the client that makes the token requests
	 * @param registry the registry that observes them
	 * @param customConvention the convention, or {@code null} for the
	 * {@link DefaultSalesforceLoginObservationConvention}
	 * @param org the name of the org, such as {@code default}
	 */
	public ObservedSalesforceTokenClient(SalesforceTokenClient delegate, ObservationRegistry registry,
			@Nullable SalesforceLoginObservationConvention customConvention, String org) {
		Assert.notNull(delegate, "'delegate' must not be null");
		this.delegate = delegate;
		this.observations = new SalesforceLoginObservations(registry, customConvention, org);
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(() -> {
			SalesforceLoginObservationContext context = this.observations.newContext();
			Observation observation = this.observations.create(context).start();
			// Stopped before the outcome is handed on, so that whoever gets the token (or the
			// failure) finds the login recorded; once, whatever ends the request (operators
			// downstream may cancel after the outcome too)
			AtomicBoolean stopped = new AtomicBoolean();
			Runnable stop = () -> {
				if (stopped.compareAndSet(false, true)) {
					observation.stop();
				}
			};
			return SalesforceTokenClients.requireToken(this.delegate).doOnSuccess((token) -> {
				context.setOutcome(Outcome.SUCCESS);
				stop.run();
			}).doOnError((ex) -> {
				boolean transientFailure = SalesforceAuthenticationException.isTransient(ex);
				context.setOutcome(transientFailure ? Outcome.TRANSIENT_FAILURE : Outcome.REJECTED);
				context.setFailure(ex);
				observation.error(ex);
				stop.run();
			})
				.doFinally((signal) -> stop.run())
				// The token request's own observation (http.client.requests) becomes a child
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	@Override
	public String toString() {
		return "ObservedSalesforceTokenClient[org=" + this.observations.org() + ", delegate=" + this.delegate + "]";
	}

}
