/**
 * Benchmarks of the starter against a plain {@code WebClient} and Spring Security's OAuth2
 * client, run against an in-process Salesforce stub.
 */
@NullMarked
package io.github.salesforcejwt.benchmarks;

import org.jspecify.annotations.NullMarked;
