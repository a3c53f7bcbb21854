package io.github.salesforcejwt.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link FakeSalesforceOrg} for the application context of a Spring test (for
 * example a {@code @SpringBootTest}), registers it as a bean, and stops it when the
 * context closes. Its {@link FakeSalesforceOrg#connectionDetails() connection details}
 * are registered as a {@link io.github.salesforcejwt.SalesforceConnectionDetails} bean,
 * which replaces the application's {@code salesforce.jwt.*} settings of the default org,
 * the way {@code @ServiceConnection} replaces a data store's properties: the application
 * needs no Salesforce properties at all, and its own ones (key, login URL, ...) are not
 * used. The {@code Environment} is not changed.
 * <p>
 * Test classes with the same attributes share a cached context and so one org: call
 * {@link FakeSalesforceOrg#reset()} before each test that depends on its state.
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;EnableFakeSalesforceOrg
 * class MyClientTests {
 *
 *     &#64;Autowired
 *     FakeSalesforceOrg org;
 *
 * }
 * </pre>
 *
 * @see FakeSalesforceOrg
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EnableFakeSalesforceOrg {

	/**
	 * Consumer key the org expects as {@code iss}.
	 * @return the consumer key
	 */
	String consumerKey() default FakeSalesforceOrg.DEFAULT_CONSUMER_KEY;

	/**
	 * Username the org expects as {@code sub}.
	 * @return the username
	 */
	String username() default FakeSalesforceOrg.DEFAULT_USERNAME;

	/**
	 * Other users pre-authorized for the connected app, besides {@link #username()}: the
	 * application can log in as each of them, for example through
	 * {@code SalesforceClients.webClient(org, username)}.
	 * @return the usernames
	 */
	String[] preAuthorizedUsers() default {};

	/**
	 * Audience the org expects in {@code aud}.
	 * @return the audience
	 */
	String audience() default FakeSalesforceOrg.DEFAULT_AUDIENCE;

}
