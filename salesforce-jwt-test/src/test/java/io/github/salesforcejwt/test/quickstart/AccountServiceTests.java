package io.github.salesforcejwt.test.quickstart;

import java.time.Duration;

import io.github.salesforcejwt.test.EnableFakeSalesforceOrg;
import io.github.salesforcejwt.test.FakeSalesforceOrg;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first call against the fake org.
 */
@SpringBootTest
@EnableFakeSalesforceOrg
class AccountServiceTests {

	@Autowired
	AccountService accounts;

	@Autowired
	FakeSalesforceOrg org;

	@Test
	void readsTheAccountsOfTheOrg() {
		JsonNode answer = this.accounts.accounts().block(Duration.ofSeconds(30));
		assertThat(answer.get("totalSize").asInt()).isEqualTo(3);     // Acme, Globex, Initech
		assertThat(this.org.loginCount()).isEqualTo(1);
	}

}
