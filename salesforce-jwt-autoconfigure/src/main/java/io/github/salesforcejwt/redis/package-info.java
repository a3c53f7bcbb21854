/**
 * Sharing Salesforce sessions and the login budget between the instances of an
 * application through Spring Data Redis.
 */
@NullMarked
package io.github.salesforcejwt.redis;

import org.jspecify.annotations.NullMarked;
