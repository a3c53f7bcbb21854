package io.github.salesforcejwt;

import java.net.URI;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.util.Assert;

/**
 * Details of a connection to one Salesforce org as one user: where to log in, who the
 * connected app and the user are, and how to sign the JWT assertion.
 * <p>
 * The {@code salesforce.jwt.*} properties provide the default org's details (and
 * {@code salesforce.jwt.orgs.<name>.*} those of named orgs); a bean of this type replaces
 * the default org's, as {@code salesforce-jwt-test}'s fake org does in tests and at
 * development time, and a {@link SalesforceOrgRepository} provides the details of orgs
 * known only at run time.
 *
 * @author salesforce-jwt
 */
public interface SalesforceConnectionDetails extends ConnectionDetails {

	/**
	 * Return the login host, such as {@code https://login.salesforce.com}, without a path
	 * or a trailing slash.
	 * @return the login URL
	 */
	URI getLoginUrl();

	/**
	 * Return the assertion's audience ({@code aud}). By default the one Salesforce expects
	 * for the login URL ({@link SalesforceHosts#audienceFor(URI)}).
	 * @return the audience
	 */
	default String getAudience() {
		return SalesforceHosts.audienceFor(getLoginUrl());
	}

	/**
	 * Return the consumer key of the connected app, the assertion's {@code iss}.
	 * @return the consumer key
	 */
	String getConsumerKey();

	/**
	 * Return the username of the Salesforce user to log in as, the assertion's
	 * {@code sub}.
	 * @return the username
	 */
	String getUsername();

	/**
	 * Return the encoder that signs the assertion with the private key whose certificate
	 * is uploaded to the connected app (RS256). A key in a KMS or an HSM signs through an
	 * encoder of the application's own; {@link SalesforceJwtEncoders} makes one from a key
	 * pair.
	 * @return the encoder
	 */
	JwtEncoder getJwtEncoder();

	/**
	 * Return the token endpoint, {@code {login-url}/services/oauth2/token}.
	 * @return the token endpoint
	 */
	default URI getTokenUri() {
		return SalesforceUrls.tokenUri(getLoginUrl());
	}

	/**
	 * Return the same connection as another user of the same org, who must be
	 * pre-authorized for the connected app.
	 * @param username the other user's username
	 * @return the connection details of that user
	 */
	default SalesforceConnectionDetails forUser(String username) {
		Assert.hasText(username, "'username' must not be empty");
		return new SimpleSalesforceConnectionDetails(getLoginUrl(), getAudience(), getConsumerKey(), username,
				getJwtEncoder());
	}

	/**
	 * Create connection details.
	 * @param loginUrl the login host, such as {@code https://acme.my.salesforce.com}
	 * @param consumerKey the connected app's consumer key
	 * @param username the user to log in as
	 * @param jwtEncoder the encoder that signs assertions
	 * @return the connection details, with the audience Salesforce expects for the login
	 * URL
	 * @throws IllegalArgumentException if the login URL is not an https URL (http only for
	 * loopback) without a path
	 */
	static SalesforceConnectionDetails of(String loginUrl, String consumerKey, String username,
			JwtEncoder jwtEncoder) {
		URI url = SalesforceUrls.loginUrl(loginUrl);
		return new SimpleSalesforceConnectionDetails(url, SalesforceHosts.audienceFor(url), consumerKey, username,
				jwtEncoder);
	}

	/**
	 * Create connection details with an explicit audience, as External Client Apps need
	 * (the My Domain URL).
	 * @param loginUrl the login host
	 * @param audience the assertion's audience
	 * @param consumerKey the connected app's consumer key
	 * @param username the user to log in as
	 * @param jwtEncoder the encoder that signs assertions
	 * @return the connection details
	 */
	static SalesforceConnectionDetails of(String loginUrl, String audience, String consumerKey, String username,
			JwtEncoder jwtEncoder) {
		return new SimpleSalesforceConnectionDetails(SalesforceUrls.loginUrl(loginUrl),
				SalesforceUrls.withoutTrailingSlashes(audience.strip()), consumerKey, username, jwtEncoder);
	}

}
