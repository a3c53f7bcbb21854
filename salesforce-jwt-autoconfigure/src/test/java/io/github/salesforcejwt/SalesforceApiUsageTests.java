package io.github.salesforcejwt;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceApiUsage}.
 */
class SalesforceApiUsageTests {

	private final SalesforceApiUsage usage = new SalesforceApiUsage();

	@Test
	void isUnknownUntilAResponseReportsIt() {
		assertThat(this.usage.getUsed()).isEqualTo(-1);
		assertThat(this.usage.getMax()).isEqualTo(-1);
	}

	@Test
	void readsTheOrgWideUsage() {
		this.usage.record("api-usage=25/15000");
		assertThat(this.usage.getUsed()).isEqualTo(25);
		assertThat(this.usage.getMax()).isEqualTo(15000);
	}

	@Test
	void readsTheFirstHeaderOfAResponseAndKeepsTheFigureWhenThereIsNone() {
		HttpHeaders headers = new HttpHeaders();
		headers.add("sforce-limit-info", "api-usage=25/15000");
		headers.add("Sforce-Limit-Info", "api-usage=26/15000");
		this.usage.recordFrom(headers);
		this.usage.recordFrom(new HttpHeaders());
		assertThat(this.usage.getUsed()).isEqualTo(25);
		assertThat(this.usage.getMax()).isEqualTo(15000);
	}

	@Test
	void readsTheOrgWideUsageBesideThePerAppUsage() {
		this.usage.record("per-app-api-usage=17/250(appName=sample-app), api-usage=3100/5000000");
		assertThat(this.usage.getUsed()).isEqualTo(3100);
		assertThat(this.usage.getMax()).isEqualTo(5000000);
	}

	@Test
	void keepsTheLastFigureWhenAHeaderCannotBeRead() {
		this.usage.record("api-usage=25/15000");
		this.usage.record("api-usage=lots/many");
		this.usage.record("per-app-api-usage=1/2");
		this.usage.record(null);
		assertThat(this.usage.getUsed()).isEqualTo(25);
		assertThat(this.usage.getMax()).isEqualTo(15000);
	}

}
