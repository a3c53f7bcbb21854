package io.github.salesforcejwt.autoconfigure;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import io.github.salesforcejwt.SalesforceTokenClient;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application has a default org: the top-level properties name a
 * username, a {@link SalesforceConnectionDetails} or {@link SalesforceTokenClient} bean
 * exists, or no named org is configured at all (so that a missing
 * {@code salesforce.jwt.username} fails the startup naming it, as it always has).
 *
 * @author salesforce-jwt
 */
class DefaultOrgCondition extends AnyNestedCondition {

	DefaultOrgCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty(prefix = "salesforce.jwt", name = "username")
	static class TopLevelUsername {

	}

	@ConditionalOnBean(SalesforceConnectionDetails.class)
	static class ConnectionDetailsBean {

	}

	@ConditionalOnBean(SalesforceTokenClient.class)
	static class TokenClientBean {

	}

	@Conditional(NoNamedOrgs.class)
	static class NoNamedOrgsConfigured {

	}

	static class NoNamedOrgs extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean named = Binder.get(context.getEnvironment())
				.bind("salesforce.jwt.orgs", Bindable.mapOf(String.class, Object.class))
				.map((orgs) -> !orgs.isEmpty())
				.orElse(false);
			return named ? ConditionOutcome.noMatch("salesforce.jwt.orgs names orgs")
					: ConditionOutcome.match("no salesforce.jwt.orgs");
		}

	}

}
