package io.github.salesforcejwt.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key properties carry IDE help (from their Javadoc) and value hints.
 */
class KeyPropertiesMetadataTests {

	@Test
	void everyKeyPropertyHasADescription() throws IOException {
		Map<String, JsonNode> properties = byName(read("META-INF/spring-configuration-metadata.json"), "properties");
		for (String name : new String[] { "ssl-bundle", "key-alias", "certificate", "validate-on-startup" }) {
			JsonNode property = properties.get("salesforce.jwt." + name);
			assertThat(property).as(name).isNotNull();
			String description = property.path("description").asString();
			assertThat(description).as(name).isNotBlank().doesNotStartWith("The ").doesNotStartWith("A ");
		}
		JsonNode validate = properties.get("salesforce.jwt.validate-on-startup");
		assertThat(validate.path("description").asString()).startsWith("Whether");
		assertThat(validate.path("defaultValue").asBoolean(true)).isFalse();
	}

	@Test
	void certificateIsHintedAsAResource() throws IOException {
		Map<String, JsonNode> hints = byName(read("META-INF/additional-spring-configuration-metadata.json"), "hints");
		assertThat(hints.get("salesforce.jwt.certificate").toString()).contains("org.springframework.core.io.Resource");
		assertThat(hints).containsKeys("salesforce.jwt.login-url", "salesforce.jwt.audience",
				"salesforce.jwt.ssl-bundle");
	}

	@Test
	void tokenStoreAndLoginBudgetPropertiesHaveHelpDefaultsAndHints() throws IOException {
		Map<String, JsonNode> properties = byName(read("META-INF/spring-configuration-metadata.json"), "properties");
		for (String name : new String[] { "token-store.type", "token-store.secret", "token-store.encrypt",
				"token-store.key-prefix", "token-store.timeout", "login.max-per-hour" }) {
			JsonNode property = properties.get("salesforce.jwt." + name);
			assertThat(property).as(name).isNotNull();
			assertThat(property.path("description").asString()).as(name).isNotBlank().doesNotStartWith("The ");
		}
		assertThat(properties.get("salesforce.jwt.token-store.encrypt").path("description").asString())
			.startsWith("Whether");
		assertThat(properties.get("salesforce.jwt.login.max-per-hour").path("defaultValue").asInt()).isEqualTo(1800);
		Map<String, JsonNode> hints = byName(read("META-INF/additional-spring-configuration-metadata.json"), "hints");
		assertThat(hints.get("salesforce.jwt.token-store.type").toString()).contains("memory").contains("redis");
		assertThat(hints).containsKeys("salesforce.jwt.token-store.secret", "salesforce.jwt.login.max-per-hour");
	}

	private static JsonNode read(String location) throws IOException {
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static Map<String, JsonNode> byName(JsonNode metadata, String group) {
		Map<String, JsonNode> byName = new HashMap<>();
		metadata.path(group).forEach((node) -> byName.put(node.path("name").asString(), node));
		return byName;
	}

}
