package io.github.salesforcejwt.test;

/**
 * A user of a {@link FakeSalesforceOrg}, pre-authorized for its connected app.
 *
 * @param username the username, the {@code sub} of the user's assertions
 * @param userId the 18-character user id (prefix {@code 005})
 */
record OrgUser(String username, String userId) {

}
