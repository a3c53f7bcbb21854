package io.github.salesforcejwt;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * {@link RuntimeHintsRegistrar} for what the starter reads reflectively, registered in
 * {@code META-INF/spring/aot.factories}: the token endpoint's answers, which Jackson reads
 * into the records {@link TokenResponse} and {@link TokenErrorResponse} (for the WebClient
 * and the RestClient login alike), and the classes Caffeine loads by name for the session caches of
 * {@link SalesforceSessions}.
 * <p>
 * The binding of {@code salesforce.jwt.*} needs nothing here: Spring Boot registers the
 * hints of every {@code @ConfigurationProperties} class that
 * {@code @EnableConfigurationProperties} names, with its nested classes and map values.
 *
 * @author salesforce-jwt
 */
final class SalesforceJwtRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * The classes Caffeine instantiates through a method handle for a cache with a maximum
	 * size and strong keys and values ({@code SSMS}) and its entries ({@code PSMS}), as
	 * {@link SalesforceSessions} builds its caches.
	 */
	static final List<String> CAFFEINE_CLASSES = List.of("com.github.benmanes.caffeine.cache.SSMS",
			"com.github.benmanes.caffeine.cache.PSMS");

	private final BindingReflectionHintsRegistrar bindingHints = new BindingReflectionHintsRegistrar();

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		this.bindingHints.registerReflectionHints(hints.reflection(), TokenResponse.class, TokenErrorResponse.class);
		for (String caffeineClass : CAFFEINE_CLASSES) {
			hints.reflection()
				.registerTypeIfPresent(classLoader, caffeineClass, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
