package io.github.salesforcejwt;

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

	private static final DefaultSalesforceLoginObservationConvention DEFAULT_CONVENTION = new DefaultSalesforceLoginObservationConvention();

	private final SalesforceTokenClient delegate;

	private final ObservationRegistry registry;

	private final @Nullable SalesforceLoginObservationConvention customConvention;

	private final String org;

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
		Assert.notNull(registry, "'registry' must not be null");
		Assert.hasText(org, "'org' must not be empty");
		this.delegate = delegate;
		this.registry = registry;
		this.customConvention = customConvention;
		this.org = org;
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(() -> {
			SalesforceLoginObservationContext context = new SalesforceLoginObservationContext(this.org);
			Observation observation = SalesforceObservationDocumentation.LOGIN
				.observation(this.customConvention, DEFAULT_CONVENTION, () -> context, this.registry)
				.start();
			return SalesforceTokenClients.requireToken(this.delegate)
				.doOnSuccess((token) -> context.setOutcome(Outcome.SUCCESS))
				.doOnError((ex) -> {
					context.setOutcome(
							SalesforceAuthenticationException.isTransient(ex) ? Outcome.TRANSIENT_FAILURE : Outcome.REJECTED);
					context.setFailure(ex);
					observation.error(ex);
				})
				// Once, whatever ends the request, a cancel included
				.doFinally((signal) -> observation.stop())
				// The token request's own observation (http.client.requests) becomes a child
				.contextWrite((reactorContext) -> reactorContext.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	@Override
	public String toString() {
		return "ObservedSalesforceTokenClient[org=" + this.org + ", delegate=" + this.delegate + "]";
	}

}
