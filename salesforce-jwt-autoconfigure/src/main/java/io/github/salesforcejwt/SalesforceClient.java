package io.github.salesforcejwt;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifier for the starter's client of the default Salesforce org:
 * {@code @SalesforceClient WebClient webClient} injects the authenticated
 * {@code salesforceWebClient}. The starter's clients are not default candidates, so an
 * application's own {@code WebClient} is still the one injected by type alone.
 *
 * @author salesforce-jwt
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Qualifier
public @interface SalesforceClient {

}
