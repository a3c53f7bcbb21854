package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceClient;
import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceGrpcCredentials;
import io.github.salesforcejwt.SalesforceJwtClientHttpRequestInterceptor;
import io.github.salesforcejwt.SalesforceSessions;
import io.github.salesforcejwt.SalesforceTokenClient;
import io.github.salesforcejwt.SalesforceTokenManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The default org, imported by {@link SalesforceJwtAutoConfiguration}: the top-level
 * properties with a username, or the application's {@link SalesforceConnectionDetails} or
 * {@link SalesforceTokenClient} bean. Its {@code WebClient} is configured by
 * {@link WebClientConfiguration}.
 *
 * @author salesforce-jwt
 */
@Configuration(proxyBeanMethods = false)
@Conditional(DefaultOrgCondition.class)
class DefaultOrgConfiguration {

	@Bean
	@ConditionalOnMissingBean({ SalesforceConnectionDetails.class, SalesforceTokenClient.class })
	SalesforceConnectionDetails salesforceConnectionDetails(SalesforceOrgs orgs) {
		return orgs.defaultOrg();
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceTokenClient salesforceTokenClient(SalesforceConnectionDetails connectionDetails,
			DefaultSalesforceSessionFactory sessionFactory) {
		return sessionFactory.httpTokenClient(SalesforceSessions.DEFAULT_ORG, connectionDetails);
	}

	@Bean
	@ConditionalOnMissingBean
	SalesforceTokenManager salesforceTokenManager(SalesforceTokenClient tokenClient,
			DefaultSalesforceSessionFactory sessionFactory,
			ObjectProvider<SalesforceConnectionDetails> connectionDetails) {
		return sessionFactory.tokenManager(SalesforceSessions.DEFAULT_ORG, false, connectionDetails.getIfUnique(),
				sessionFactory.resilient(SalesforceSessions.DEFAULT_ORG, tokenClient));
	}

	@Bean(name = SalesforceJwtAutoConfiguration.INTERCEPTOR_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = SalesforceJwtAutoConfiguration.INTERCEPTOR_BEAN_NAME)
	SalesforceJwtClientHttpRequestInterceptor salesforceJwtClientHttpRequestInterceptor(
			SalesforceTokenManager tokenManager, SalesforceRestClientFactory restClients) {
		return restClients.interceptor(SalesforceSessions.DEFAULT_ORG, tokenManager);
	}

	@Bean(name = SalesforceJwtAutoConfiguration.REST_CLIENT_BEAN_NAME, defaultCandidate = false)
	@SalesforceClient
	@ConditionalOnMissingBean(name = SalesforceJwtAutoConfiguration.REST_CLIENT_BEAN_NAME)
	RestClient salesforceRestClient(
			@Qualifier(SalesforceJwtAutoConfiguration.INTERCEPTOR_BEAN_NAME) ClientHttpRequestInterceptor interceptor,
			SalesforceTokenManager tokenManager, SalesforceRestClientFactory restClients) {
		return restClients.restClient(interceptor, tokenManager);
	}

	/**
	 * The default org's gRPC credentials, where grpc-java is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.grpc.CallCredentials")
	static class GrpcConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SalesforceGrpcCredentials salesforceGrpcCredentials(SalesforceTokenManager tokenManager) {
			return SalesforceGrpcCredentials.of(tokenManager);
		}

	}

}
