package io.github.salesforcejwt.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connection pool of the Salesforce clients and their logins, where Reactor Netty is
 * present; imported by {@link SalesforceJwtAutoConfiguration}.
 *
 * @author salesforce-jwt
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "reactor.netty.resources.ConnectionProvider")
class ConnectionPoolConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SalesforceConnectionPool salesforceConnectionPool(SalesforceJwtProperties properties) {
		return new SalesforceConnectionPool(properties.getConnections().getMaxIdleTime());
	}

}
