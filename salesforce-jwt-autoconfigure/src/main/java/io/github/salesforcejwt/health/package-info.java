/**
 * Health of the Salesforce JWT bearer login.
 */
@NullMarked
package io.github.salesforcejwt.health;

import org.jspecify.annotations.NullMarked;
