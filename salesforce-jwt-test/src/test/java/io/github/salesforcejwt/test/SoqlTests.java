package io.github.salesforcejwt.test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the SOQL of {@link FakeSalesforceOrg}: the subset it answers, with SOQL's
 * semantics, the errors Salesforce answers, and the refusal of everything else.
 */
class SoqlTests {

	private static FakeSalesforceOrg org;

	private static OrgClient client;

	private static String accessToken;

	@BeforeAll
	static void startOrg() {
		org = FakeSalesforceOrg.builder()
			.accounts()
			.record("Account", Map.of("Name", "Acme", "Industry", "Energy", "NumberOfEmployees", 120))
			.record("Account", Map.of("Name", "Globex", "Industry", "Media", "NumberOfEmployees", 40))
			.record("Account", Map.of("Name", "Initech", "NumberOfEmployees", 40))
			.record("Account", Map.of("Name", "acme labs", "Industry", "energy"))
			.record("Account", Map.of("Name", "100% Cotton_Co", "Industry", "Retail", "NumberOfEmployees", 7))
			.start();
		client = new OrgClient(org);
		accessToken = client.accessToken();
	}

	@AfterAll
	static void closeOrg() {
		org.close();
	}

	@Test
	void answersTheSelectedFieldsOfEveryRecordInCreationOrder() {
		JsonNode result = query("SELECT Name, Industry FROM Account");
		assertThat(result.get("totalSize").asInt()).isEqualTo(5);
		assertThat(result.get("done").asBoolean()).isTrue();
		assertThat(names(result)).containsExactly("Acme", "Globex", "Initech", "acme labs", "100% Cotton_Co");
		JsonNode initech = result.get("records").get(2);
		assertThat(initech.has("Industry")).isTrue();
		assertThat(initech.get("Industry").isNull()).isTrue();
		assertThat(initech.has("Id")).isFalse();
		assertThat(initech.get("attributes").get("url").asText()).startsWith("/services/data/v66.0/sobjects/Account/001");
	}

	@Test
	void matchesTextWithoutRegardToCase() {
		assertThat(names(query("SELECT Name FROM Account WHERE Industry = 'ENERGY'"))).containsExactly("Acme",
				"acme labs");
	}

	@Test
	void matchesNotEqualIncludingNulls() {
		assertThat(names(query("SELECT Name FROM Account WHERE Industry != 'energy'"))).containsExactly("Globex",
				"Initech", "100% Cotton_Co");
		assertThat(names(query("SELECT Name FROM Account WHERE Industry <> 'energy'"))).hasSize(3);
	}

	@Test
	void matchesNullAndNotNull() {
		assertThat(names(query("SELECT Name FROM Account WHERE Industry = null"))).containsExactly("Initech");
		assertThat(names(query("SELECT Name FROM Account WHERE NumberOfEmployees != null"))).hasSize(4);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			'acme%'           | Acme, acme labs
			'%LABS'           | acme labs
			'_lobex'          | Globex
			'%tech'           | Initech
			'100\\% C%'       | 100% Cotton_Co
			'%n\\_C%'         | 100% Cotton_Co
			'Acme'            | Acme
			""")
	void matchesLikeWithItsWildcardsAndEscapes(String pattern, String expected) {
		assertThat(names(query("SELECT Name FROM Account WHERE Name LIKE " + pattern)))
			.containsExactly(expected.split(", "));
	}

	@Test
	void matchesInLists() {
		assertThat(names(query("SELECT Name FROM Account WHERE Name IN ('globex', 'Initech', 'Nobody')")))
			.containsExactly("Globex", "Initech");
		assertThat(names(query("SELECT Name FROM Account WHERE NumberOfEmployees IN (40, 7)"))).containsExactly("Globex",
				"Initech", "100% Cotton_Co");
	}

	@Test
	void combinesAndOrAndParentheses() {
		assertThat(names(query("SELECT Name FROM Account WHERE Name = 'Acme' AND Industry = 'Media'"))).isEmpty();
		assertThat(names(query("SELECT Name FROM Account WHERE Name = 'Acme' OR Industry = 'Media' OR Name = 'x'")))
			.containsExactly("Acme", "Globex");
		assertThat(names(query(
				"SELECT Name FROM Account WHERE (Industry = 'energy' OR Industry = 'Media') AND NumberOfEmployees = 40")))
			.containsExactly("Globex");
		assertThat(names(query("SELECT Name FROM Account WHERE Industry = 'energy' AND (Name = 'Acme' OR Name = 'x')")))
			.containsExactly("Acme");
	}

	@Test
	void comparesIdsByTheirFirstFifteenCharacters() {
		String id = org.accounts().get(1).id();
		assertThat(names(query("SELECT Name FROM Account WHERE Id = '" + id + "'"))).containsExactly("Globex");
		assertThat(names(query("SELECT Name FROM Account WHERE Id = '" + id.substring(0, 15) + "'")))
			.containsExactly("Globex");
	}

	@Test
	void comparesNumbersAndBooleans() {
		assertThat(names(query("SELECT Name FROM Account WHERE NumberOfEmployees = 40.0"))).containsExactly("Globex",
				"Initech");
		assertThat(query("SELECT Name FROM Account WHERE IsDeleted = false").get("totalSize").asInt()).isEqualTo(5);
		assertThat(query("SELECT Name FROM Account WHERE NumberOfEmployees = -7").get("totalSize").asInt()).isZero();
	}

	@Test
	void ordersByFieldsAscendingWithNullsFirstAndDescendingWithNullsLast() {
		assertThat(names(query("SELECT Name FROM Account ORDER BY Name"))).containsExactly("100% Cotton_Co", "Acme",
				"acme labs", "Globex", "Initech");
		assertThat(names(query("SELECT Name FROM Account ORDER BY Name DESC"))).containsExactly("Initech", "Globex",
				"acme labs", "Acme", "100% Cotton_Co");
		assertThat(names(query("SELECT Name FROM Account ORDER BY Industry, Name DESC"))).containsExactly("Initech",
				"acme labs", "Acme", "Globex", "100% Cotton_Co");
		assertThat(names(query("SELECT Name FROM Account ORDER BY Industry DESC NULLS FIRST, NumberOfEmployees ASC")))
			.containsExactly("Initech", "100% Cotton_Co", "Globex", "acme labs", "Acme");
		assertThat(names(query("SELECT Name FROM Account ORDER BY NumberOfEmployees ASC NULLS LAST, Name")))
			.containsExactly("100% Cotton_Co", "Globex", "Initech", "Acme", "acme labs");
	}

	@Test
	void appliesLimitAndOffsetAfterOrderBy() {
		JsonNode result = query("SELECT Name FROM Account ORDER BY Name DESC LIMIT 2 OFFSET 1");
		assertThat(names(result)).containsExactly("Globex", "acme labs");
		assertThat(result.get("totalSize").asInt()).isEqualTo(2);
		assertThat(names(query("SELECT Name FROM Account LIMIT 0"))).isEmpty();
	}

	@Test
	void countsWithCount() {
		JsonNode result = query("SELECT COUNT() FROM Account WHERE Industry = 'energy'");
		assertThat(result.get("totalSize").asInt()).isEqualTo(2);
		assertThat(result.get("done").asBoolean()).isTrue();
		assertThat(result.get("records")).isEmpty();
	}

	@Test
	void readsKeywordsAndNamesInAnyCaseAndAnswersTheDeclaredNames() {
		JsonNode result = query("select name, INDUSTRY from ACCOUNT where NAME = 'Globex' order by name limit 1");
		assertThat(result.get("records").get(0).fieldNames()).toIterable()
			.containsExactly("attributes", "Name", "Industry");
		assertThat(result.get("records").get(0).get("attributes").get("type").asText()).isEqualTo("Account");
	}

	@Test
	void answersInvalidTypeForAnUnknownObject() {
		assertError("SELECT Id FROM Opportunity", "INVALID_TYPE",
				"\nSELECT Id FROM Opportunity\n               ^\nERROR at Row:1:Column:16\n"
						+ "sObject type 'Opportunity' is not supported. If you are attempting to use a custom object, "
						+ "be sure to append the '__c' after the entity name. Please reference your WSDL or the "
						+ "describe call for the appropriate names.");
	}

	@Test
	void answersInvalidFieldForAnUnknownField() {
		assertError("SELECT Id, Bogus__c FROM Account", "INVALID_FIELD",
				"\nSELECT Id, Bogus__c FROM Account\n           ^\nERROR at Row:1:Column:12\n"
						+ "No such column 'Bogus__c' on entity 'Account'. If you are attempting to use a custom field, "
						+ "be sure to append the '__c' after the custom field name. Please reference your WSDL or the "
						+ "describe call for the appropriate names.");
		assertThat(error("SELECT Id FROM Account WHERE Bogus__c = 'x'").get("errorCode").asText())
			.isEqualTo("INVALID_FIELD");
		assertThat(error("SELECT Id FROM Account ORDER BY Bogus__c").get("errorCode").asText())
			.isEqualTo("INVALID_FIELD");
	}

	@Test
	void answersTheErrorsOfSalesforceForValuesOfTheWrongType() {
		assertThat(error("SELECT Id FROM Account WHERE Id = 'nope'").get("message").asText())
			.endsWith("\ninvalid ID field: nope");
		assertThat(error("SELECT Id FROM Account WHERE Id = 'nope'").get("errorCode").asText())
			.isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
		assertThat(error("SELECT Id FROM Account WHERE Id LIKE '001%'").get("message").asText())
			.endsWith("\ninvalid operator on id field");
		assertThat(error("SELECT Id FROM Account WHERE NumberOfEmployees = '40'").get("message").asText()).endsWith(
				"\nvalue of filter criterion for field 'NumberOfEmployees' must be of type int and should not be enclosed in quotes");
		assertThat(error("SELECT Id FROM Account WHERE Name = 40").get("message").asText()).endsWith(
				"\nvalue of filter criterion for field 'Name' must be of type string and should be enclosed in quotes");
		assertThat(error("SELECT Id FROM Account WHERE IsDeleted = 'false'").get("errorCode").asText())
			.isEqualTo("INVALID_FIELD");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			SELECT * FROM Account                                             | '*'
			SELECT Id Account                                                 | 'Account'
			SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Id = null | 'OR'
			SELECT Id FROM Account LIMIT 5 ORDER BY Name                      | 'ORDER'
			SELECT Id FROM Account WHERE                                      | '<EOF>'
			SELECT Id, FROM Account                                           | 'FROM'
			SELECT Id FROM Account LIMIT 'x'                                  | 'x'
			""")
	void answersMalformedQueryToWhatIsNotSoql(String soql, String token) {
		JsonNode error = error(soql);
		assertThat(error.get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.get("message").asText()).endsWith("unexpected token: " + token);
	}

	@Test
	void answersDuplicateFieldsAndLargeOffsetsAsSalesforceDoes() {
		assertThat(error("SELECT Name, name FROM Account").get("message").asText())
			.endsWith("\nduplicate field selected: name");
		JsonNode offset = error("SELECT Name FROM Account OFFSET 2001");
		assertThat(offset.get("errorCode").asText()).isEqualTo("NUMBER_OUTSIDE_VALID_RANGE");
		assertThat(offset.get("message").asText()).endsWith("\nMaximum SOQL offset allowed is 2000");
		assertThat(error("SELECT Name FROM Account WHERE Name = :name").get("message").asText())
			.endsWith("\nBind variables only allowed in Apex code");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			SELECT Account.Name FROM Contact                              | relationship fields in the field list (Account.Name)
			SELECT Id FROM Contact WHERE Account.Name = 'Acme'            | relationship fields in WHERE (Account.Name)
			SELECT Id, (SELECT Id FROM Contacts) FROM Account             | subqueries in the field list (child relationships)
			SELECT FIELDS(ALL) FROM Account LIMIT 200                     | functions in the field list (FIELDS(...))
			SELECT COUNT(Id) FROM Account                                 | COUNT(Id): aggregate functions
			SELECT toLabel(Industry) FROM Account                         | functions in the field list (toLabel(...))
			SELECT TYPEOF What WHEN Account THEN Name END FROM Event      | TYPEOF
			SELECT Name FROM Account GROUP BY Name                        | GROUP BY
			SELECT Name FROM Account WITH SECURITY_ENFORCED               | WITH SECURITY_ENFORCED
			SELECT Name FROM Account FOR UPDATE                           | FOR UPDATE
			SELECT Name FROM Account USING SCOPE Mine                     | USING SCOPE
			SELECT a.Name FROM Account a                                  | relationship fields in the field list (a.Name)
			SELECT Name FROM Account a                                    | an alias of the object ('a')
			SELECT Name FROM Account, Contact                             | more than one object in FROM
			SELECT Name FROM Account WHERE NOT Name = 'Acme'              | NOT
			SELECT Name FROM Account WHERE Name NOT IN ('Acme')           | NOT IN
			SELECT Name FROM Account WHERE NumberOfEmployees > 10         | the operator >
			SELECT Name FROM Account WHERE NumberOfEmployees <= 10        | the operator <=
			SELECT Name FROM Account WHERE Industry INCLUDES ('a')        | INCLUDES
			SELECT Name FROM Account WHERE CreatedDate = TODAY            | date literals (TODAY)
			SELECT Name FROM Account WHERE CreatedDate = LAST_N_DAYS:7    | date literals (LAST_N_DAYS)
			SELECT Name FROM Account WHERE CreatedDate = 2026-01-31T00:00:00Z | date and datetime literals (2026-01-31T00:00:00Z)
			SELECT Name FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2026 | functions in WHERE (CALENDAR_YEAR(...))
			SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact) | semi-joins (IN (SELECT ...))
			""")
	void refusesWhatItDoesNotSupportSayingSoAndHowToStubTheAnswer(String soql, String what) {
		JsonNode error = error(soql);
		assertThat(error.get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
		assertThat(error.get("message").asText()).contains("ERROR at Row:1:Column:")
			.contains("The fake Salesforce org does not support " + what + ". ")
			.contains("It answers SELECT with a list of fields or COUNT() FROM one object")
			.contains("Stub the answer to this query instead: org.wireMock().stubFor(");
	}

	@Test
	void placesTheCaretOnTheRowAndColumnOfTheError() {
		assertThat(error("SELECT Id\nFROM Account\nGROUP BY Name").get("message").asText())
			.startsWith("\nGROUP BY Name\n^\nERROR at Row:3:Column:1\nThe fake Salesforce org does not support GROUP BY.");
	}

	@Test
	void answersMalformedQueryWithoutQueryString() {
		HttpResponse<String> response = client.get("/services/data/v66.0/query", accessToken);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("[{\"message\":\"A query string has to be specified\",\"errorCode\":\"MALFORMED_QUERY\"}]");
	}

	private static JsonNode query(String soql) {
		HttpResponse<String> response = client.query(soql, accessToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return OrgClient.json(response);
	}

	private static List<String> names(JsonNode result) {
		return result.get("records").findValuesAsText("Name");
	}

	private static JsonNode error(String soql) {
		HttpResponse<String> response = client.query(soql, accessToken);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode errors = OrgClient.json(response);
		assertThat(errors).hasSize(1);
		return errors.get(0);
	}

	private static void assertError(String soql, String errorCode, String message) {
		JsonNode error = error(soql);
		assertThat(error.get("errorCode").asText()).isEqualTo(errorCode);
		assertThat(error.get("message").asText()).isEqualTo(message);
	}

}
