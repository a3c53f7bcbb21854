package io.github.salesforcejwt.test;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * An endpoint of a fake org: a WireMock transformer that answers the requests of the
 * stubs that name it, and only those, from the org's state.
 */
abstract class OrgEndpoint implements ResponseDefinitionTransformerV2 {

	private final String name;

	private final OrgState state;

	OrgEndpoint(String name, OrgState state) {
		this.name = name;
		this.state = state;
	}

	@Override
	public final String getName() {
		return this.name;
	}

	@Override
	public final boolean applyGlobally() {
		return false;
	}

	@Override
	public final ResponseDefinition transform(ServeEvent serveEvent) {
		return answer(serveEvent.getRequest());
	}

	/**
	 * Return the state of the org.
	 * @return the state
	 */
	final OrgState state() {
		return this.state;
	}

	/**
	 * Answer a request.
	 * @param request the request
	 * @return the answer
	 */
	abstract ResponseDefinition answer(Request request);

}
