/**
 * A fake Salesforce org, served by WireMock on the loopback interface, for testing
 * applications that log in to Salesforce with the OAuth 2.0 JWT bearer flow.
 *
 * @see io.github.salesforcejwt.test.FakeSalesforceOrg
 * @see io.github.salesforcejwt.test.EnableFakeSalesforceOrg
 * @see io.github.salesforcejwt.test.FakeSalesforceOrgConfiguration
 */
@NullMarked
package io.github.salesforcejwt.test;

import org.jspecify.annotations.NullMarked;
