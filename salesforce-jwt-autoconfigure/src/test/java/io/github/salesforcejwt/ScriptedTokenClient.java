package io.github.salesforcejwt;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

/**
 * Answers each token request with the next scripted answer, or a new token.
 */
final class ScriptedTokenClient implements SalesforceTokenClient {

	final AtomicInteger requests = new AtomicInteger();

	private final List<Mono<SalesforceToken>> script = new ArrayList<>();

	synchronized void next(Mono<SalesforceToken> answer) {
		this.script.add(answer);
	}

	@Override
	public Mono<SalesforceToken> requestToken() {
		return Mono.defer(() -> {
			int request = this.requests.incrementAndGet();
			synchronized (this) {
				if (!this.script.isEmpty()) {
					return this.script.remove(0);
				}
			}
			return Mono.just(token("token-" + request));
		});
	}

	static SalesforceToken token(String name) {
		return new SalesforceToken("00D!" + name, URI.create("https://acme.my.salesforce.com"),
				URI.create("https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA"), "api", "Bearer",
				Instant.now());
	}

	static SalesforceAuthenticationException refusal() {
		return SalesforceAuthenticationException.rejected(400, "invalid_grant", "user hasn't approved this consumer");
	}

	static SalesforceAuthenticationException transientFailure() {
		return SalesforceAuthenticationException.unexpectedResponse(URI.create("https://login.salesforce.com"), 503,
				"a body that is not JSON", true, null);
	}

}
