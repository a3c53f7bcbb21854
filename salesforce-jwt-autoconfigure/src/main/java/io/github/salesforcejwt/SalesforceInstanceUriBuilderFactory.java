package io.github.salesforcejwt;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.web.util.DefaultUriBuilderFactory;
import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriBuilderFactory;

/**
 * {@link UriBuilderFactory} that expands relative URI templates against the
 * {@code instance_url} of the current Salesforce token, as a {@code baseUrl} would, so that
 * each request's URI is built once. Before the first login, relative URIs stay relative
 * and the {@link SalesforceJwtExchangeFilterFunction} resolves them.
 *
 * @author salesforce-jwt
 */
public final class SalesforceInstanceUriBuilderFactory implements UriBuilderFactory {

	private final SalesforceTokenManager tokenManager;

	private final DefaultUriBuilderFactory withoutInstance = encoding(new DefaultUriBuilderFactory());

	private volatile @Nullable ForInstance forInstance;

	/**
	 * Create a new factory.
	 * @param tokenManager the token manager whose current token gives the instance URL
	 */
	public SalesforceInstanceUriBuilderFactory(SalesforceTokenManager tokenManager) {
		Assert.notNull(tokenManager, "'tokenManager' must not be null");
		this.tokenManager = tokenManager;
	}

	@Override
	public URI expand(String uriTemplate, Map<String, ?> uriVariables) {
		return delegate().expand(uriTemplate, uriVariables);
	}

	@Override
	public URI expand(String uriTemplate, @Nullable Object... uriVariables) {
		return delegate().expand(uriTemplate, uriVariables);
	}

	@Override
	public UriBuilder uriString(String uriTemplate) {
		return delegate().uriString(uriTemplate);
	}

	@Override
	public UriBuilder builder() {
		return delegate().builder();
	}

	private UriBuilderFactory delegate() {
		SalesforceToken token = this.tokenManager.getCurrentToken();
		if (token == null) {
			return this.withoutInstance;
		}
		ForInstance forInstance = this.forInstance;
		if (forInstance == null || forInstance.instanceUrl() != token.getInstanceUrl()) {
			forInstance = new ForInstance(token.getInstanceUrl(),
					encoding(new DefaultUriBuilderFactory(token.getInstanceUrl().toString())));
			this.forInstance = forInstance;
		}
		return forInstance.factory();
	}

	private static DefaultUriBuilderFactory encoding(DefaultUriBuilderFactory factory) {
		// As WebClient's own default
		factory.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.TEMPLATE_AND_VALUES);
		return factory;
	}

	private record ForInstance(URI instanceUrl, DefaultUriBuilderFactory factory) {

	}

}
