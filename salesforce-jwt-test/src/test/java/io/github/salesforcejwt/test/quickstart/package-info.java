/**
 * The README's Quick start, verbatim: {@code AccountService} and its first test against the
 * fake org. If this package needs a change, the README needs the same one.
 */
@NullMarked
package io.github.salesforcejwt.test.quickstart;

import org.jspecify.annotations.NullMarked;
