package io.github.salesforcejwt.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Which of the benchmark's jars a WebFlux application has only because of the starter, and
 * which only this benchmark needs (its other clients, its chart), read from
 * {@code ./mvnw dependency:tree -pl benchmarks}: the rest is what
 * {@code spring-boot-starter-webflux} brings.
 */
final class StarterJars {

	/**
	 * Brought by {@code salesforce-jwt-starter} and not by {@code spring-boot-starter-webflux}.
	 */
	static final List<String> STARTER_ONLY = List.of("salesforce-jwt-starter", "salesforce-jwt-autoconfigure",
			"spring-boot-starter-webclient", "spring-boot-webclient", "spring-boot-http-client",
			"spring-boot-http-converter", "spring-security-oauth2-jose", "nimbus-jose-jwt", "spring-security-core",
			"spring-security-crypto", "spring-security-oauth2-core");

	/**
	 * Needed by the benchmark only: Spring Security's OAuth2 client, JFreeChart, JMH, and
	 * Spring Data Redis for the Redis token store's part.
	 */
	static final List<String> BENCHMARK_ONLY = List.of("spring-security-oauth2-client", "spring-security-web",
			"oauth2-oidc-sdk", "jcip-annotations", "content-type", "json-smart", "accessors-smart", "asm",
			"lang-tag", "jfreechart", "jmh-core", "jopt-simple", "commons-math3", "spring-boot-starter-data-redis",
			"spring-boot-data-redis", "spring-boot-data-commons", "spring-boot-persistence", "spring-data-commons",
			"spring-boot-transaction", "spring-tx", "lettuce-core", "redis-authx-core", "spring-data-redis",
			"spring-data-keyvalue", "spring-oxm", "jakarta.xml.bind-api", "jakarta.activation-api",
			"spring-context-support");

	private StarterJars() {
	}

	static boolean isStarterOnly(Path jar) {
		return matches(jar, STARTER_ONLY);
	}

	static boolean isBenchmarkOnly(Path jar) {
		return matches(jar, BENCHMARK_ONLY);
	}

	private static boolean matches(Path jar, List<String> artifactIds) {
		String name = jar.getFileName().toString();
		for (String artifactId : artifactIds) {
			if (name.length() > artifactId.length() + 1 && name.startsWith(artifactId + "-")
					&& Character.isDigit(name.charAt(artifactId.length() + 1))) {
				return true;
			}
		}
		return false;
	}

}
