/**
 * The minimal WebFlux application of the startup benchmark.
 */
@NullMarked
package io.github.salesforcejwt.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
