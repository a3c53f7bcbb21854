package io.github.salesforcejwt.test;

import io.github.salesforcejwt.SalesforceAuthenticationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * End-to-end tests that each error of the token endpoint reaches the caller of the
 * starter's {@code salesforceWebClient} as a {@link SalesforceAuthenticationException}
 * with Salesforce's {@code error}, {@code error_description} and a fix. The cool-down
 * after a refusal is off, so that every call asks the org again.
 */
@SpringBootTest(classes = StarterWithFakeOrgTests.TestApplication.class,
		properties = { "salesforce.jwt.login.cool-down=0", "salesforce.jwt.login.max-cool-down=0" })
@EnableFakeSalesforceOrg
class StarterLoginErrorTests {

	@Autowired
	private FakeSalesforceOrg org;

	@Autowired
	@Qualifier("salesforceWebClient")
	private WebClient salesforce;

	@BeforeEach
	void reset() {
		this.org.reset();
	}

	@ParameterizedTest
	@EnumSource(LoginError.class)
	void surfacesEachLoginErrorWithItsFix(LoginError error) {
		this.org.rejectLogins(error);
		SalesforceAuthenticationException ex = catchThrowableOfType(SalesforceAuthenticationException.class,
				() -> StarterWithFakeOrgTests.query(this.salesforce));
		assertThat(ex).isNotNull();
		assertThat(ex.getStatusCode()).isEqualTo(error.status());
		assertThat(ex.getError()).isEqualTo(error.error());
		assertThat(ex.getErrorDescription()).isEqualTo(error.errorDescription());
		assertThat(ex.getFix()).isNotBlank();
		assertThat(ex.isTransient()).isFalse();
		assertThat(this.org.loginCount()).isEqualTo(1);
		this.org.acceptLogins();
		assertThat(StarterWithFakeOrgTests.query(this.salesforce).records()).hasSize(3);
		assertThat(this.org.loginCount()).isEqualTo(2);
	}

}
