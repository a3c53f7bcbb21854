package io.github.salesforcejwt;

import java.net.URI;

import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.util.Assert;

/**
 * {@link SalesforceConnectionDetails} holding its values.
 *
 * @author salesforce-jwt
 */
record SimpleSalesforceConnectionDetails(URI loginUrl, String audience, String consumerKey, String username,
		JwtEncoder jwtEncoder) implements SalesforceConnectionDetails {

	SimpleSalesforceConnectionDetails {
		Assert.notNull(loginUrl, "'loginUrl' must not be null");
		Assert.hasText(audience, "'audience' must not be empty");
		Assert.hasText(consumerKey, "'consumerKey' must not be empty");
		Assert.hasText(username, "'username' must not be empty");
		Assert.notNull(jwtEncoder, "'jwtEncoder' must not be null");
	}

	@Override
	public URI getLoginUrl() {
		return this.loginUrl;
	}

	@Override
	public String getAudience() {
		return this.audience;
	}

	@Override
	public String getConsumerKey() {
		return this.consumerKey;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public JwtEncoder getJwtEncoder() {
		return this.jwtEncoder;
	}

	@Override
	public String toString() {
		return "SalesforceConnectionDetails[loginUrl=" + this.loginUrl + ", audience=" + this.audience
				+ ", consumerKey=" + this.consumerKey + ", username=" + this.username + "]";
	}

}
