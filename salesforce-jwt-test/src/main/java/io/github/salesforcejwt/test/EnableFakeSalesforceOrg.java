package io.github.salesforcejwt.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link FakeSalesforceOrg} for the application context of a Spring test (for
 * example a {@code @SpringBootTest}), adds its {@link FakeSalesforceOrg#properties()
 * properties} to the {@code Environment} with the highest precedence, registers it as a
 * bean, and stops it when the context closes.
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
	 * Audience the org expects in {@code aud}.
	 * @return the audience
	 */
	String audience() default FakeSalesforceOrg.DEFAULT_AUDIENCE;

}
