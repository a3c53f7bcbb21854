package io.github.salesforcejwt.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end test of the starter with the org's key as inline PKCS#1 PEM text
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, as OpenSSL 1.x writes it) in
 * {@code salesforce.jwt.private-key}.
 */
@SpringBootTest(classes = StarterWithFakeOrgTests.TestApplication.class)
class StarterWithPkcs1KeyTests {

	private static final FakeSalesforceOrg org = FakeSalesforceOrg.start();

	@DynamicPropertySource
	static void pointAtTheOrgWithPkcs1Key(DynamicPropertyRegistry registry) {
		org.properties()
			.forEach((name, value) -> registry.add(name,
					name.equals("salesforce.jwt.private-key") ? org::privateKeyPkcs1Pem : () -> value));
	}

	@AfterAll
	static void stopOrg() {
		org.close();
	}

	@Autowired
	private Environment environment;

	@Autowired
	@Qualifier("salesforceWebClient")
	private WebClient salesforce;

	@Test
	void logsInWithInlinePkcs1PrivateKey() {
		assertThat(this.environment.getProperty("salesforce.jwt.private-key"))
			.startsWith("-----BEGIN RSA PRIVATE KEY-----");
		assertThat(StarterWithFakeOrgTests.query(this.salesforce).records())
			.extracting(StarterWithFakeOrgTests.AccountRecord::name)
			.containsExactly("Acme", "Globex", "Initech");
		assertThat(org.loginCount()).isEqualTo(1);
	}

}
