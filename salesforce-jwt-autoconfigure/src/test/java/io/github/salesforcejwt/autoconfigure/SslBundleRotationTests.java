package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceJwtAssertionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the registered bundle update handler does with the updated bundle, driven through
 * {@link DefaultSslBundleRegistry#updateBundle} (the file-watching reload is covered by
 * {@link KeyFormsLoginTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
class SslBundleRotationTests {

	private final DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry("salesforce",
			bundle("classpath:keys/rsa-2048.p12"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SalesforceJwtAutoConfiguration.class))
		.withBean(SslBundles.class, () -> this.registry)
		.withPropertyValues("salesforce.jwt.consumer-key=3MVG9test.consumer.key",
				"salesforce.jwt.username=integration@acme.com", "salesforce.jwt.ssl-bundle=salesforce",
				"salesforce.jwt.key-alias=other");

	@Test
	void signsWithTheNewKeyOnceTheBundleIsUpdated(CapturedOutput output) {
		this.runner.withPropertyValues("salesforce.jwt.key-alias=").run((context) -> {
			SalesforceJwtAssertionFactory assertions = TestKeys.assertions(context);
			TestKeys.verifiedAssertion(assertions.createAssertion());
			this.registry.updateBundle("salesforce", SslBundle.of(new PemSslStoreBundle(PemSslStoreDetails
				.forCertificate(KeyMaterial.OTHER_CERTIFICATE)
				.withPrivateKey(TestKeys.OTHER), null)));
			String assertion = assertions.createAssertion();
			assertThat(KeyMaterial.verifies(assertion, KeyMaterial.OTHER_CERTIFICATE)).isTrue();
			assertThat(KeyMaterial.verifies(assertion, TestKeys.CERTIFICATE)).isFalse();
		});
		assertThat(output).contains("SSL bundle 'salesforce' was reloaded: the next Salesforce login signs with its "
				+ "key 'ssl', certificate 'CN=salesforce-jwt other test'");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void switchesToTheOtherKeyWhenTheUpdatedStoreHoldsIt(CapturedOutput output) {
		this.registry.updateBundle("salesforce", bundle("classpath:keys/two-keys.p12"));
		this.runner.run((context) -> {
			SalesforceJwtAssertionFactory assertions = TestKeys.assertions(context);
			assertThat(KeyMaterial.verifies(assertions.createAssertion(), KeyMaterial.OTHER_CERTIFICATE)).isTrue();
			this.registry.updateBundle("salesforce", bundle("classpath:keys/rsa-2048.p12"));
			// the new store has no 'other' entry: the previous key stays in use
			assertThat(KeyMaterial.verifies(assertions.createAssertion(), KeyMaterial.OTHER_CERTIFICATE)).isTrue();
		});
		assertThat(output).contains("SSL bundle 'salesforce' was reloaded, but its key cannot sign Salesforce "
				+ "assertions; logins keep using the previous key: salesforce.jwt.key-alias is 'other'");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	@Test
	void keepsThePreviousKeyWhenTheReloadedKeyIsNotRsa(CapturedOutput output) {
		this.runner.withPropertyValues("salesforce.jwt.key-alias=").run((context) -> {
			SalesforceJwtAssertionFactory assertions = TestKeys.assertions(context);
			this.registry.updateBundle("salesforce", bundle("classpath:keys/ec.p12"));
			TestKeys.verifiedAssertion(assertions.createAssertion());
		});
		assertThat(output).contains("logins keep using the previous key: salesforce.jwt.ssl-bundle names SSL bundle "
				+ "'salesforce', whose key 'salesforce' is not an RSA key but EC");
		KeyMaterial.assertNoKeyMaterial(output.toString());
	}

	private static SslBundle bundle(String location) {
		return bundle(location, "PKCS12");
	}

	private static SslBundle bundle(String location, String type) {
		return SslBundle.of(new JksSslStoreBundle(new JksSslStoreDetails(type, null, location, "changeit"), null));
	}

}
