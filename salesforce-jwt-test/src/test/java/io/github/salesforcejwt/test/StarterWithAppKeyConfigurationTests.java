package io.github.salesforcejwt.test;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose own configuration takes its key from an SSL bundle that does not
 * exist here, with a certificate file that does not exist either: the connection details
 * of {@code @EnableFakeSalesforceOrg} replace all of it, so none of it is read.
 */
@SpringBootTest(classes = StarterWithFakeOrgTests.TestApplication.class,
		properties = { "salesforce.jwt.ssl-bundle=salesforce", "salesforce.jwt.key-alias=production",
				"salesforce.jwt.certificate=file:/run/secrets/salesforce/certificate.pem" })
@EnableFakeSalesforceOrg
class StarterWithAppKeyConfigurationTests {

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	@Qualifier("salesforceWebClient")
	private WebClient salesforce;

	@Test
	void logsInWithTheOrgsKeyWhateverKeyTheApplicationConfigures() {
		this.org.reset();
		assertThat(StarterWithFakeOrgTests.query(this.salesforce).records())
			.extracting(StarterWithFakeOrgTests.AccountRecord::name)
			.containsExactly("Acme", "Globex", "Initech");
		assertThat(this.org.loginCount()).isEqualTo(1);
	}

}
