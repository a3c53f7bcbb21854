package io.github.salesforcejwt.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceOrgProperties}: binding {@code salesforce.jwt.orgs.<name>.*}
 * and merging an org's keys over the top level's.
 */
class SalesforceOrgPropertiesTests {

	private final Map<String, String> values = new LinkedHashMap<>();

	@Test
	void bindsEveryKeyAnOrgMaySetAndUsesItOverTheTopLevels() {
		everyOrgKey("acme", 7).forEach(this::top);
		Map<String, String> own = everyOrgKey("globex", 5);
		own.forEach(this::org);
		SalesforceOrgProperties.Effective effective = effective();
		assertThat(effective.properties()).usingRecursiveComparison()
			.ignoringFields("orgs")
			.isEqualTo(topLevelOnly(own));
		assertThat(effective.ownKeys()).containsExactlyInAnyOrderElementsOf(own.keySet());
	}

	@Test
	void takesEveryKeyItLeavesUnsetFromTheTopLevel() {
		Map<String, String> top = everyOrgKey("acme", 7);
		top.put("assertion-lifetime", "2m");
		top.put("api-version", "67.0");
		top.forEach(this::top);
		org("username", "other@acme.com");
		SalesforceOrgProperties.Effective effective = effective();
		top.put("username", "other@acme.com");
		assertThat(effective.properties()).usingRecursiveComparison()
			.ignoringFields("orgs")
			.isEqualTo(topLevelOnly(top));
		assertThat(effective.ownKeys()).containsExactly("username");
	}

	@Test
	void leavesTheTopLevelsDefaultsToAnOrgThatSetsNothing() {
		org("username", "other@acme.com");
		SalesforceJwtProperties org = effective().properties();
		SalesforceJwtProperties defaults = new SalesforceJwtProperties();
		assertThat(org.getLoginUrl()).isEqualTo("https://login.salesforce.com");
		assertThat(org.getAudience()).isNull();
		assertThat(org.getTokenTimeToLive()).isNull();
		assertThat(org.getLogin()).usingRecursiveComparison().isEqualTo(defaults.getLogin());
	}

	@Test
	void doesNotTakeTheTopLevelAudienceWhenItHasItsOwnLoginUrl() {
		top("audience", "https://acme.my.salesforce.com");
		org("login-url", "https://test.salesforce.com");
		assertThat(effective().properties().getAudience()).isNull();
	}

	@Test
	void takesNoneOfTheTopLevelKeySettingsWhenItHasAKeyOfItsOwn() {
		for (String own : new String[] { "private-key", "ssl-bundle", "jwt-encoder" }) {
			this.values.clear();
			top("private-key", "classpath:top-key.pem");
			top("private-key-password", "top-password");
			top("ssl-bundle", "top-bundle");
			top("key-alias", "top-alias");
			top("certificate", "classpath:top-cert.pem");
			top("jwt-encoder", "topEncoder");
			org(own, "own");
			SalesforceJwtProperties org = effective().properties();
			assertThat(new String[] { org.getPrivateKey(), org.getSslBundle(), org.getJwtEncoder() }).as(own)
				.containsOnlyOnce("own")
				.containsOnly("own", null);
			assertThat(org.getPrivateKeyPassword()).as(own).isNull();
			assertThat(org.getKeyAlias()).as(own).isNull();
			assertThat(org.getCertificate()).as(own).isNull();
		}
	}

	@Test
	void neverShowsAPrivateKeyOrItsPassword() {
		top("private-key", "-----BEGIN PRIVATE KEY-----top");
		top("private-key-password", "top-password");
		org("private-key", "-----BEGIN PRIVATE KEY-----org");
		org("private-key-password", "org-password");
		SalesforceJwtProperties top = bind();
		for (Object properties : new Object[] { top, top.getOrgs().get("globex"),
				top.getOrgs().get("globex").applyTo(top).properties() }) {
			assertThat(properties.toString()).doesNotContain("PRIVATE KEY").doesNotContain("password");
		}
	}

	/**
	 * Return a value for every key an org may set, the values of one org told apart from
	 * another's by {@code name} and {@code n}.
	 */
	private static Map<String, String> everyOrgKey(String name, int n) {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("consumer-key", "3MVG9" + name);
		keys.put("username", "integration@" + name + ".com");
		keys.put("login-url", "https://" + name + ".my.salesforce.com");
		keys.put("audience", "https://" + name + ".my.salesforce.com");
		keys.put("private-key", "classpath:" + name + "-key.pem");
		keys.put("private-key-password", name + "-password");
		keys.put("ssl-bundle", name + "-bundle");
		keys.put("key-alias", name + "-alias");
		keys.put("certificate", "classpath:" + name + "-cert.pem");
		keys.put("jwt-encoder", name + "Encoder");
		keys.put("token-time-to-live", n + "h");
		keys.put("login.timeout", n + "s");
		keys.put("login.max-attempts", String.valueOf(n));
		keys.put("login.initial-backoff", n + "ms");
		keys.put("login.max-backoff", n + "m");
		keys.put("login.cool-down", (n * 2) + "s");
		keys.put("login.max-cool-down", (n * 2) + "m");
		keys.put("login.max-per-hour", String.valueOf(n * 100));
		return keys;
	}

	private void top(String key, String value) {
		this.values.put("salesforce.jwt." + key, value);
	}

	private void org(String key, String value) {
		this.values.put("salesforce.jwt.orgs.globex." + key, value);
	}

	private SalesforceJwtProperties bind() {
		return bind(this.values);
	}

	private static SalesforceJwtProperties topLevelOnly(Map<String, String> keys) {
		Map<String, String> values = new LinkedHashMap<>();
		keys.forEach((key, value) -> values.put("salesforce.jwt." + key, value));
		return bind(values);
	}

	private static SalesforceJwtProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("salesforce.jwt",
				SalesforceJwtProperties.class);
	}

	private SalesforceOrgProperties.Effective effective() {
		SalesforceJwtProperties top = bind();
		return top.getOrgs().get("globex").applyTo(top);
	}

}
