package io.github.salesforcejwt.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the fidelity of {@link FakeSalesforceOrg} from outside: jsforce, a Salesforce
 * client for Node that nobody in this project wrote, logs in with the JWT bearer flow and
 * queries, pages, writes, reads its identity and the limits ({@code jsforce/interop.cjs}),
 * and these tests check what it saw and what the org holds.
 * <p>
 * jsforce ({@value #JSFORCE}, the Node build of jsforce 3) is installed with npm into
 * {@code target/jsforce}, once: the tests skip themselves, saying why, where {@code node}
 * or {@code npm} is missing or the install fails.
 */
class JsforceInteroperabilityTests {

	static final String JSFORCE = "@jsforce/jsforce-node@3.10.16";

	private static final int ACCOUNTS = 2500;

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private static FakeSalesforceOrg org;

	private static JsonNode results;

	@BeforeAll
	static void runJsforceAgainstTheFakeOrg() throws Exception {
		Path target = Path.of(JsforceInteroperabilityTests.class.getProtectionDomain()
			.getCodeSource()
			.getLocation()
			.toURI()).getParent();
		Path jsforce = installJsforce(target.resolve("jsforce"));
		org = FakeSalesforceOrg.builder()
			.sObjectTypes(SObjectType.custom("Invoice__c").withExternalId("Number__c")
				.withField("Amount__c", FieldType.CURRENCY))
			.start();
		List<Map<String, Object>> accounts = new ArrayList<>();
		for (int i = 1; i <= ACCOUNTS; i++) {
			accounts.add(Map.of("Name", String.format("Account %04d", i)));
		}
		org.create("Account", accounts);
		Path script = Path.of(JsforceInteroperabilityTests.class.getResource("/jsforce/interop.cjs").toURI());
		ProcessBuilder node = new ProcessBuilder("node", script.toString()).directory(jsforce.toFile());
		node.environment().put("NODE_PATH", jsforce.resolve("node_modules").toString());
		node.environment().put("FAKE_ORG_LOGIN_URL", org.loginUrl());
		node.environment().put("FAKE_ORG_CONSUMER_KEY", org.consumerKey());
		node.environment().put("FAKE_ORG_USERNAME", org.username());
		node.environment().put("FAKE_ORG_AUDIENCE", org.audience());
		node.environment().put("FAKE_ORG_PRIVATE_KEY", org.privateKeyPem());
		Result run = run(node, 60);
		assertThat(run.exitCode()).as("jsforce run: %s", run.output()).isZero();
		results = objectMapper.readTree(run.output());
	}

	@AfterAll
	static void closeOrg() {
		if (org != null) {
			org.close();
		}
	}

	@Test
	void jsforceLogsInWithTheJwtBearerFlowAndCallsTheInstance() {
		JsonNode login = results.get("login");
		assertThat(login.get("instanceUrl").asText()).isEqualTo(org.instanceUrl());
		assertThat(login.get("accessToken").asText()).startsWith(org.orgId().substring(0, 15) + "!");
		assertThat(login.get("userInfo").get("id").asText()).isEqualTo(org.userId());
		assertThat(login.get("userInfo").get("organizationId").asText()).isEqualTo(org.orgId());
		assertThat(org.loginCount()).isEqualTo(1);
	}

	@Test
	void jsforceReadsItsIdentityFromTheIdentityUrlOnTheLoginHost() {
		JsonNode identity = results.get("identity");
		assertThat(identity.get("user_id").asText()).isEqualTo(org.userId());
		assertThat(identity.get("organization_id").asText()).isEqualTo(org.orgId());
		assertThat(identity.get("username").asText()).isEqualTo(org.username());
		assertThat(org.loginWireMock().findAll(getRequestedFor(urlPathMatching("/id/.*")))).hasSize(1);
	}

	@Test
	void jsforceQueriesWithWhereOrderByAndLimit() {
		JsonNode filtered = results.get("filtered");
		assertThat(filtered.get("totalSize").asInt()).isEqualTo(5);
		assertThat(filtered.get("done").asBoolean()).isTrue();
		assertThat(filtered.get("names")).extracting(JsonNode::asText)
			.containsExactly("Account 1998", "Account 1997", "Account 1996", "Account 1995", "Account 1994");
		JsonNode count = results.get("count");
		assertThat(count.get("totalSize").asInt()).isEqualTo(2);
		assertThat(count.get("records").asInt()).isZero();
	}

	@Test
	void jsforceFetchesEveryPageOnceInOrder() {
		JsonNode autoFetch = results.get("autoFetch");
		int total = ACCOUNTS + FakeSalesforceOrg.DEFAULT_ACCOUNT_NAMES.size();
		assertThat(autoFetch.get("totalSize").asInt()).isEqualTo(total);
		assertThat(autoFetch.get("count").asInt()).isEqualTo(total);
		assertThat(autoFetch.get("distinct").asInt()).isEqualTo(total);
		assertThat(autoFetch.get("fetches").asInt()).isEqualTo(2);
		assertThat(autoFetch.get("first").asText()).isEqualTo("Account 0001");
		assertThat(autoFetch.get("last").asText()).isEqualTo("Initech");
		JsonNode pages = results.get("queryMore");
		assertThat(pages).extracting((page) -> page.get("size").asInt()).containsExactly(1000, 1000, total - 2000);
		// jsforce makes the nextRecordsUrl of the answer absolute, on the instance
		assertThat(pages.get(0).get("nextRecordsUrl").asText()).startsWith(org.instanceUrl())
			.matches(".*/services/data/v66\\.0/query/01g\\w{15}-1000");
		assertThat(pages.get(2).get("done").asBoolean()).isTrue();
	}

	@Test
	void jsforceCreatesUpdatesAndDeletesRecords() {
		JsonNode write = results.get("write");
		String id = write.get("created").get("id").asText();
		assertThat(write.get("created").get("success").asBoolean()).isTrue();
		assertThat(write.get("updated").get("success").asBoolean()).isTrue();
		assertThat(write.get("retrieved").get("Name").asText()).isEqualTo("Renamed by jsforce");
		assertThat(write.get("retrieved").get("NumberOfEmployees").asInt()).isEqualTo(42);
		assertThat(write.get("destroyed").get("success").asBoolean()).isTrue();
		assertThat(write.get("destroyedAgain").get("errorCode").asText()).isEqualTo("ENTITY_IS_DELETED");
		assertThat(write.get("retrievedAfterDelete").get("errorCode").asText()).isEqualTo("NOT_FOUND");
		assertThat(write.get("queryAll")).extracting(JsonNode::asBoolean).containsExactly(true);
		assertThat(write.get("query").asInt()).isZero();
		assertThat(org.accounts()).noneMatch((account) -> account.id().equals(id));
	}

	@Test
	void jsforceCreatesSeveralRecordsThroughSObjectCollections() {
		JsonNode collections = results.get("collections");
		assertThat(collections.get(0).get("success").asBoolean()).isTrue();
		assertThat(collections.get(1).get("success").asBoolean()).isFalse();
		assertThat(collections.get(1).get("errors").get(0).get("statusCode").asText())
			.isEqualTo("REQUIRED_FIELD_MISSING");
		assertThat(org.records("Contact")).extracting((contact) -> contact.get("Name")).containsExactly("Ada Lovelace");
		JsonNode upsert = results.get("upsert");
		assertThat(upsert.get(0).get("created").asBoolean()).isTrue();
		assertThat(upsert.get(1).get("created").asBoolean()).isFalse();
		assertThat(upsert.get(1).get("id").asText()).isEqualTo(upsert.get(0).get("id").asText());
		assertThat(org.records("Invoice__c")).singleElement()
			.satisfies((invoice) -> assertThat(invoice).containsEntry("Amount__c", 7.0));
	}

	@Test
	void jsforceReceivesSalesforceErrorsAndTheFakeOrgsRefusals() {
		JsonNode refusals = results.get("refusals");
		assertThat(refusals.get("unknownField").get("errorCode").asText()).isEqualTo("INVALID_FIELD");
		assertThat(refusals.get("unknownObject").get("errorCode").asText()).isEqualTo("INVALID_TYPE");
		assertThat(refusals.get("invalidId").get("errorCode").asText()).isEqualTo("INVALID_QUERY_FILTER_OPERATOR");
		assertThat(refusals.get("unsupportedClause").get("errorCode").asText()).isEqualTo("MALFORMED_QUERY");
		assertThat(refusals.get("unsupportedClause").get("message").asText())
			.contains("The fake Salesforce org does not support GROUP BY")
			.contains("org.wireMock().stubFor(");
	}

	@Test
	void jsforceReadsTheLimitsAndDescribes() {
		JsonNode limits = results.get("limits").get("DailyApiRequests");
		JsonNode usage = results.get("limits").get("limitInfo").get("apiUsage");
		assertThat(limits.get("Max").asInt()).isEqualTo(15000).isEqualTo(usage.get("limit").asInt());
		assertThat(limits.get("Remaining").asInt()).isEqualTo(15000 - usage.get("used").asInt());
		JsonNode describe = results.get("describe");
		assertThat(describe.get("fields")).extracting(JsonNode::asText)
			.containsExactly("Id", "IsDeleted", "Name", "Number__c", "Amount__c", "CreatedDate", "LastModifiedDate",
					"SystemModstamp");
		assertThat(describe.get("keyPrefix").asText()).isEqualTo("a00");
		assertThat(describe.get("global")).extracting(JsonNode::asText)
			.containsExactly("Account", "Contact", "Invoice__c");
	}

	private static Path installJsforce(Path directory) throws IOException, InterruptedException {
		assumeTrue(works("node", "--version"), "node is not on the PATH: jsforce interoperability tests skipped");
		assumeTrue(works("npm", "--version"), "npm is not on the PATH: jsforce interoperability tests skipped");
		Path installed = directory.resolve("node_modules/@jsforce/jsforce-node/package.json");
		String version = JSFORCE.substring(JSFORCE.lastIndexOf('@') + 1);
		if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + version + "\"")) {
			return directory;
		}
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("package.json"), "{\"private\":true}");
		Result install = run(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
				"--no-save", JSFORCE)
			.directory(directory.toFile()), 180);
		assumeTrue(install.exitCode() == 0 && Files.exists(installed),
				() -> "npm install " + JSFORCE + " failed: jsforce interoperability tests skipped\n" + install.output());
		return directory;
	}

	private static boolean works(String... command) {
		try {
			return run(new ProcessBuilder(command), 30).exitCode() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private static Result run(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
		File output = File.createTempFile("jsforce", ".out");
		File errors = File.createTempFile("jsforce", ".err");
		try {
			Process process = builder.redirectOutput(output).redirectError(errors).start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + read(errors));
			}
			String stdout = read(output);
			return new Result(process.exitValue(), (process.exitValue() == 0) ? stdout : stdout + read(errors));
		}
		finally {
			Files.deleteIfExists(output.toPath());
			Files.deleteIfExists(errors.toPath());
		}
	}

	private static String read(File file) throws IOException {
		return Files.readString(file.toPath(), StandardCharsets.UTF_8);
	}

	private record Result(int exitCode, String output) {
	}

}
