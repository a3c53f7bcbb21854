/**
 * Salesforce OAuth 2.0 JWT bearer flow: the token manager, the token, the assertion
 * factory and the {@code WebClient} filter that an application may use directly.
 */
@NullMarked
package io.github.salesforcejwt;

import org.jspecify.annotations.NullMarked;
