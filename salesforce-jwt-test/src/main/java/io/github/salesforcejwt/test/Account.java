package io.github.salesforcejwt.test;

/**
 * An Account record held by a {@link FakeSalesforceOrg}.
 *
 * @param id the 18-character record id (prefix {@code 001})
 * @param name the value of the {@code Name} field
 */
public record Account(String id, String name) {

}
