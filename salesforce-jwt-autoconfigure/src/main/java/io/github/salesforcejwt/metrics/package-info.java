/**
 * Metrics of the Salesforce JWT bearer login and of the org's API usage.
 */
@NullMarked
package io.github.salesforcejwt.metrics;

import org.jspecify.annotations.NullMarked;
