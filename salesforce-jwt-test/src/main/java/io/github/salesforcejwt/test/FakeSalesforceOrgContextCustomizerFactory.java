package io.github.salesforcejwt.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * {@link ContextCustomizerFactory} for {@link EnableFakeSalesforceOrg}.
 */
class FakeSalesforceOrgContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		EnableFakeSalesforceOrg annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				EnableFakeSalesforceOrg.class);
		return (annotation != null) ? new FakeSalesforceOrgContextCustomizer(annotation.consumerKey(),
				annotation.username(), List.of(annotation.preAuthorizedUsers()), annotation.audience()) : null;
	}

}
