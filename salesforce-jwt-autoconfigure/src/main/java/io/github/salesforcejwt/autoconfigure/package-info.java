/**
 * Auto-configuration for the Salesforce OAuth 2.0 JWT bearer flow.
 */
@NullMarked
package io.github.salesforcejwt.autoconfigure;

import org.jspecify.annotations.NullMarked;
