/**
 * JMH micro-benchmarks of the starter's per-request costs, without a network.
 */
@NullMarked
package io.github.salesforcejwt.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
