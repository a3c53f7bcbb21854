package io.github.salesforcejwt;

import java.lang.reflect.RecordComponent;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SalesforceJwtRuntimeHints}: each hint the starter needs under AOT is
 * registered, and the registrar is found through {@code META-INF/spring/aot.factories}.
 */
class SalesforceJwtRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	SalesforceJwtRuntimeHintsTests() {
		new SalesforceJwtRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@ParameterizedTest
	@ValueSource(classes = { TokenResponse.class, TokenErrorResponse.class })
	void letsJacksonCreateTheTokenEndpointsAnswersAndReadTheirComponents(Class<? extends Record> answer) {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(answer)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		for (RecordComponent component : answer.getRecordComponents()) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.as(component.getName())
				.accepts(this.hints);
		}
	}

	@Test
	void letsCaffeineCreateTheSessionCachesAndTheirEntries() {
		for (String name : SalesforceJwtRuntimeHints.CAFFEINE_CLASSES) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(TypeReference.of(name))
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(name).accepts(this.hints);
		}
	}

	@Test
	void hintsTheCaffeineCacheClassThatSalesforceSessionsUses() {
		// Built as SalesforceSessions builds its caches: a Caffeine upgrade that renames the
		// generated class fails here rather than in a native image
		Cache<String, String> cache = Caffeine.newBuilder().maximumSize(10).executor(Runnable::run).build();
		Object localCache = ReflectionTestUtils.getField(cache, "cache");
		assertThat(SalesforceJwtRuntimeHints.CAFFEINE_CLASSES).contains(localCache.getClass().getName());
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(SalesforceJwtRuntimeHints.class);
	}

}
