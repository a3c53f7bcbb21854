package io.github.salesforcejwt.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the record resources of {@link FakeSalesforceOrg}: {@code /sobjects/...} and
 * the sObject collections of {@code /composite/sobjects}.
 */
class SObjectResourcesTests {

	private static final String DATA = "/services/data/v66.0";

	private static final SObjectType INVOICE = SObjectType.custom("Invoice__c")
		.withExternalId("Number__c")
		.withField("Amount__c", FieldType.CURRENCY)
		.withField("Paid__c", FieldType.BOOLEAN)
		.withField("Due__c", FieldType.DATE)
		.withRequiredField("Status__c", FieldType.PICKLIST)
		.withReference("Account__c", "Account");

	private static FakeSalesforceOrg org;

	private static OrgClient client;

	private String accessToken;

	@BeforeAll
	static void startOrg() {
		org = FakeSalesforceOrg.builder().sObjectTypes(INVOICE).start();
		client = new OrgClient(org);
	}

	@AfterAll
	static void closeOrg() {
		org.close();
	}

	@BeforeEach
	void resetOrg() {
		org.reset();
		this.accessToken = client.accessToken();
	}

	@Test
	void createsRetrievesUpdatesAndDeletesARecord() {
		HttpResponse<String> created = send("POST", DATA + "/sobjects/Account",
				"{\"Name\":\"Umbrella\",\"NumberOfEmployees\":\"12\",\"AnnualRevenue\":1.5e6}");
		assertThat(created.statusCode()).isEqualTo(201);
		String id = OrgClient.json(created).get("id").asText();
		JsonNode record = OrgClient.json(client.get(DATA + "/sobjects/Account/" + id, this.accessToken));
		assertThat(record.get("attributes").get("url").asText()).isEqualTo(DATA + "/sobjects/Account/" + id);
		assertThat(record.get("Name").asText()).isEqualTo("Umbrella");
		assertThat(record.get("NumberOfEmployees").asInt()).isEqualTo(12);
		assertThat(record.get("AnnualRevenue").asDouble()).isEqualTo(1_500_000.0);
		assertThat(record.get("IsDeleted").asBoolean()).isFalse();
		assertThat(record.get("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
		assertThat(record.fieldNames()).toIterable().containsAll(SObjectType.ACCOUNT.fieldNames());
		HttpResponse<String> updated = send("PATCH", DATA + "/sobjects/Account/" + id,
				"{\"name\":\"Umbrella Corp\",\"Industry\":\"\"}");
		assertThat(updated.statusCode()).isEqualTo(204);
		assertThat(updated.body()).isEmpty();
		JsonNode partial = OrgClient
			.json(client.get(DATA + "/sobjects/Account/" + id.substring(0, 15) + "?fields=Name,Industry", this.accessToken));
		assertThat(partial.fieldNames()).toIterable().containsExactly("attributes", "Name", "Industry");
		assertThat(partial.get("Name").asText()).isEqualTo("Umbrella Corp");
		assertThat(partial.get("Industry").isNull()).isTrue();
		assertThat(send("DELETE", DATA + "/sobjects/Account/" + id, null).statusCode()).isEqualTo(204);
		assertThat(org.accounts()).extracting(Account::name).doesNotContain("Umbrella Corp");
		assertError(client.get(DATA + "/sobjects/Account/" + id, this.accessToken), 404, "NOT_FOUND",
				"The requested resource does not exist");
		assertError(send("DELETE", DATA + "/sobjects/Account/" + id, null), 404, "ENTITY_IS_DELETED",
				"entity is deleted");
		assertError(send("PATCH", DATA + "/sobjects/Account/" + id, "{\"Name\":\"Again\"}"), 404, "ENTITY_IS_DELETED",
				"entity is deleted");
	}

	@Test
	void refusesUnknownAndReadOnlyFieldsAndMissingRequiredOnes() {
		assertError(send("POST", DATA + "/sobjects/Account", "{\"Name\":\"Umbrella\",\"Bogus__c\":\"x\"}"), 400,
				"INVALID_FIELD", "No such column 'Bogus__c' on sobject of type Account");
		assertError(send("POST", DATA + "/sobjects/Account", "{\"Name\":\"Umbrella\",\"CreatedDate\":\"2026-01-01\"}"),
				400, "INVALID_FIELD_FOR_INSERT_UPDATE",
				"Unable to create/update fields: CreatedDate. Please check the security settings of this field and "
						+ "verify that it is read/write for your profile or permission set.");
		assertError(send("POST", DATA + "/sobjects/Contact", "{\"FirstName\":\"Ada\"}"), 400, "REQUIRED_FIELD_MISSING",
				"Required fields are missing: [LastName]");
		assertError(send("POST", DATA + "/sobjects/Contact", "{\"LastName\":\"Lovelace\",\"Name\":\"Ada\"}"), 400,
				"INVALID_FIELD_FOR_INSERT_UPDATE", null);
		String id = org.accounts().get(0).id();
		assertError(send("PATCH", DATA + "/sobjects/Account/" + id, "{\"Name\":null}"), 400, "REQUIRED_FIELD_MISSING",
				"Required fields are missing: [Name]");
		assertThat(org.accounts()).hasSize(3);
		assertThat(org.records("Contact")).isEmpty();
	}

	@Test
	void refusesValuesOfTheWrongTypeAndBadReferences() {
		assertError(send("POST", DATA + "/sobjects/Account", "{\"Name\":\"U\",\"NumberOfEmployees\":\"many\"}"), 400,
				"JSON_PARSER_ERROR",
				"Cannot deserialize instance of int from VALUE_STRING value many or request may be missing a required field");
		assertError(send("POST", DATA + "/sobjects/Invoice__c", "{\"Status__c\":\"Open\",\"Paid__c\":\"yes\"}"), 400,
				"JSON_PARSER_ERROR", null);
		assertError(send("POST", DATA + "/sobjects/Invoice__c", "{\"Status__c\":\"Open\",\"Due__c\":\"tomorrow\"}"),
				400, "JSON_PARSER_ERROR", null);
		assertError(send("POST", DATA + "/sobjects/Contact", "{\"LastName\":\"L\",\"AccountId\":\"nope\"}"), 400,
				"MALFORMED_ID", "Account ID: id value of incorrect type: nope");
		assertError(send("POST", DATA + "/sobjects/Contact", "{\"LastName\":\"L\",\"AccountId\":\""
				+ SalesforceIds.of("001", 999) + "\"}"), 400, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
		assertError(send("POST", DATA + "/sobjects/Account", "{\"Name\":"), 400, "JSON_PARSER_ERROR", null);
		String accountId = org.accounts().get(0).id();
		HttpResponse<String> contact = send("POST", DATA + "/sobjects/Contact",
				"{\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\",\"AccountId\":\"" + accountId.substring(0, 15) + "\"}");
		assertThat(contact.statusCode()).isEqualTo(201);
		assertThat(org.records("Contact")).singleElement()
			.satisfies((record) -> assertThat(record).containsEntry("Name", "Ada Lovelace")
				.containsEntry("AccountId", accountId));
	}

	@Test
	void answersNotFoundForUnknownObjectsAndIds() {
		assertError(client.get(DATA + "/sobjects/Opportunity", this.accessToken), 404, "NOT_FOUND",
				"The requested resource does not exist");
		assertError(send("POST", DATA + "/sobjects/Opportunity", "{\"Name\":\"x\"}"), 404, "NOT_FOUND", null);
		assertError(client.get(DATA + "/sobjects/Account/" + SalesforceIds.of("001", 999), this.accessToken), 404,
				"NOT_FOUND", "The requested resource does not exist");
		assertError(client.get(DATA + "/sobjects/Account/" + SalesforceIds.of("003", 1), this.accessToken), 404,
				"NOT_FOUND", null);
		assertError(client.get(DATA + "/sobjects/Account/bogus", this.accessToken), 404, "NOT_FOUND",
				"Provided external ID field does not exist or is not accessible: bogus");
		assertError(client.get(DATA + "/sobjects/Account/" + org.accounts().get(0).id() + "?fields=Bogus",
				this.accessToken), 400, "INVALID_FIELD", null);
	}

	@Test
	void answersMethodNotAllowedAsSalesforceDoes() {
		String id = org.accounts().get(0).id();
		assertError(send("PUT", DATA + "/sobjects/Account/" + id, "{}"), 405, "METHOD_NOT_ALLOWED",
				"HTTP Method 'PUT' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
		assertError(send("DELETE", DATA + "/sobjects/Account", null), 405, "METHOD_NOT_ALLOWED",
				"HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,POST");
	}

	@Test
	void upsertsByExternalId() {
		HttpResponse<String> created = send("PATCH", DATA + "/sobjects/Invoice__c/Number__c/INV-1",
				"{\"Status__c\":\"Open\",\"Amount__c\":10}");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode createdResult = OrgClient.json(created);
		assertThat(createdResult.get("created").asBoolean()).isTrue();
		assertThat(createdResult.get("id").asText()).startsWith("a00");
		HttpResponse<String> updated = send("PATCH", DATA + "/sobjects/Invoice__c/Number__c/inv-1",
				"{\"Amount__c\":12.5}");
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(OrgClient.json(updated).get("created").asBoolean()).isFalse();
		assertThat(OrgClient.json(updated).get("id")).isEqualTo(createdResult.get("id"));
		assertThat(org.records("Invoice__c")).singleElement()
			.satisfies((invoice) -> assertThat(invoice).containsEntry("Number__c", "INV-1")
				.containsEntry("Amount__c", 12.5)
				.containsEntry("Status__c", "Open")
				.containsEntry("Paid__c", false));
		JsonNode byNumber = OrgClient.json(client.get(DATA + "/sobjects/Invoice__c/Number__c/INV-1", this.accessToken));
		assertThat(byNumber.get("Id")).isEqualTo(createdResult.get("id"));
		assertError(send("PATCH", DATA + "/sobjects/Invoice__c/Status__c/Open", "{}"), 404, "NOT_FOUND",
				"Provided external ID field does not exist or is not accessible: Status__c");
		assertError(send("POST", DATA + "/sobjects/Invoice__c", "{\"Status__c\":\"Open\",\"Number__c\":\"INV-1\"}"),
				400, "DUPLICATE_VALUE", "duplicate value found: Number__c duplicates value on record with id: "
						+ createdResult.get("id").asText());
	}

	@Test
	void savesCollectionsRecordByRecord() {
		HttpResponse<String> response = send("POST", DATA + "/composite/sobjects", """
				{"allOrNone":false,"records":[
				 {"attributes":{"type":"Account"},"Name":"One"},
				 {"attributes":{"type":"Contact"},"FirstName":"No last name"},
				 {"attributes":{"type":"Opportunity"},"Name":"Unknown type"}]}""");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode results = OrgClient.json(response);
		assertThat(results.get(0).get("success").asBoolean()).isTrue();
		assertThat(results.get(0).get("id").asText()).startsWith("001");
		assertThat(results.get(1).get("success").asBoolean()).isFalse();
		assertThat(results.get(1).has("id")).isFalse();
		assertThat(results.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
		assertThat(results.get(1).get("errors").get(0).get("fields").get(0).asText()).isEqualTo("LastName");
		assertThat(results.get(2).get("errors").get(0).get("statusCode").asText()).isEqualTo("INVALID_TYPE");
		String id = results.get(0).get("id").asText();
		JsonNode updated = OrgClient.json(send("PATCH", DATA + "/composite/sobjects",
				"{\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":\"" + id + "\",\"Name\":\"Uno\"}]}"));
		assertThat(updated.get(0).get("success").asBoolean()).isTrue();
		JsonNode retrieved = OrgClient.json(client.get(DATA + "/composite/sobjects/Account?ids=" + id + ","
				+ SalesforceIds.of("001", 999) + "&fields=Id,Name", this.accessToken));
		assertThat(retrieved.get(0).get("Name").asText()).isEqualTo("Uno");
		assertThat(retrieved.get(1).isNull()).isTrue();
		JsonNode deleted = OrgClient.json(send("DELETE", DATA + "/composite/sobjects?ids=" + id + "," + id, null));
		assertThat(deleted.get(0).get("success").asBoolean()).isTrue();
		assertThat(deleted.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("ENTITY_IS_DELETED");
		assertThat(org.accounts()).extracting(Account::name).doesNotContain("One", "Uno");
	}

	@Test
	void rollsBackEveryRecordOfAnAllOrNoneCollectionWithAFailure() {
		JsonNode results = OrgClient.json(send("POST", DATA + "/composite/sobjects", """
				{"allOrNone":true,"records":[
				 {"attributes":{"type":"Account"},"Name":"One"},
				 {"attributes":{"type":"Account"},"Bogus__c":"x"}]}"""));
		assertThat(results.get(0).get("success").asBoolean()).isFalse();
		assertThat(results.get(0).get("errors").get(0).get("statusCode").asText())
			.isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
		assertThat(results.get(1).get("errors").get(0).get("statusCode").asText()).isEqualTo("INVALID_FIELD");
		assertThat(org.accounts()).hasSize(3);
	}

	@Test
	void upsertsCollectionsByExternalId() {
		JsonNode results = OrgClient.json(send("PATCH", DATA + "/composite/sobjects/Invoice__c/Number__c", """
				{"allOrNone":false,"records":[
				 {"attributes":{"type":"Invoice__c"},"Number__c":"INV-1","Status__c":"Open"},
				 {"attributes":{"type":"Invoice__c"},"Number__c":"INV-1","Status__c":"Paid"}]}"""));
		assertThat(results.get(0).get("created").asBoolean()).isTrue();
		assertThat(results.get(1).get("created").asBoolean()).isFalse();
		assertThat(org.records("Invoice__c")).singleElement()
			.satisfies((invoice) -> assertThat(invoice).containsEntry("Status__c", "Paid"));
	}

	@Test
	void refusesCollectionsOfMoreThanTwoHundredRecords() {
		String records = String.join(",",
				Collections.nCopies(201, "{\"attributes\":{\"type\":\"Account\"},\"Name\":\"x\"}"));
		assertError(send("POST", DATA + "/composite/sobjects", "{\"records\":[" + records + "]}"), 400,
				"EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records into this call");
		assertThat(org.accounts()).hasSize(3);
	}

	@Test
	void describesTheDeclaredTypes() {
		JsonNode global = OrgClient.json(client.get(DATA + "/sobjects", this.accessToken));
		assertThat(global.get("encoding").asText()).isEqualTo("UTF-8");
		assertThat(global.get("maxBatchSize").asInt()).isEqualTo(200);
		assertThat(global.get("sobjects").findValuesAsText("name")).containsExactly("Account", "Contact", "Invoice__c");
		JsonNode invoice = global.get("sobjects").get(2);
		assertThat(invoice.get("keyPrefix").asText()).isEqualTo("a00");
		assertThat(invoice.get("custom").asBoolean()).isTrue();
		assertThat(invoice.get("label").asText()).isEqualTo("Invoice");
		assertThat(invoice.get("labelPlural").asText()).isEqualTo("Invoices");
		assertThat(invoice.get("urls").get("describe").asText()).isEqualTo(DATA + "/sobjects/Invoice__c/describe");
		JsonNode describe = OrgClient.json(client.get(DATA + "/sobjects/Invoice__c/describe", this.accessToken));
		assertThat(describe.get("fields").findValuesAsText("name")).containsExactlyElementsOf(INVOICE.fieldNames());
		JsonNode account = field(describe, "Account__c");
		assertThat(account.get("type").asText()).isEqualTo("reference");
		assertThat(account.get("referenceTo").get(0).asText()).isEqualTo("Account");
		assertThat(account.get("relationshipName").asText()).isEqualTo("Account__r");
		assertThat(field(describe, "Number__c").get("externalId").asBoolean()).isTrue();
		assertThat(field(describe, "Status__c").get("nillable").asBoolean()).isFalse();
		assertThat(field(describe, "Id").get("createable").asBoolean()).isFalse();
		assertThat(field(describe, "Amount__c").get("soapType").asText()).isEqualTo("xsd:double");
		JsonNode contact = OrgClient.json(client.get(DATA + "/sobjects/Contact", this.accessToken));
		assertThat(contact.get("objectDescribe").get("keyPrefix").asText()).isEqualTo("003");
		assertThat(contact.get("recentItems")).isEmpty();
	}

	private static JsonNode field(JsonNode describe, String name) {
		for (JsonNode field : describe.get("fields")) {
			if (field.get("name").asText().equals(name)) {
				return field;
			}
		}
		throw new AssertionError("No field " + name);
	}

	private HttpResponse<String> send(String method, String path, String json) {
		return client.send(HttpRequest.newBuilder(client.instanceUri(path))
			.header("Authorization", "Bearer " + this.accessToken)
			.header("Content-Type", "application/json")
			.method(method, (json != null) ? HttpRequest.BodyPublishers.ofString(json)
					: HttpRequest.BodyPublishers.noBody())
			.build());
	}

	private static void assertError(HttpResponse<String> response, int status, String errorCode, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode error = OrgClient.json(response).get(0);
		assertThat(error.get("errorCode").asText()).isEqualTo(errorCode);
		if (message != null) {
			assertThat(error.get("message").asText()).isEqualTo(message);
		}
	}

}
