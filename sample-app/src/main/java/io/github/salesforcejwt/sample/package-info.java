/**
 * Sample WebFlux application that lists and creates Salesforce Accounts through the
 * {@code salesforceWebClient} of salesforce-jwt.
 */
@NullMarked
package io.github.salesforcejwt.sample;

import org.jspecify.annotations.NullMarked;
