package io.github.salesforcejwt.test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.salesforcejwt.SalesforceConnectionDetails;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the settings, keys and properties of {@link FakeSalesforceOrg}.
 */
class FakeSalesforceOrgTests {

	private static FakeSalesforceOrg org;

	@BeforeAll
	static void startOrg() {
		org = FakeSalesforceOrg.start();
	}

	@AfterAll
	static void closeOrg() {
		org.close();
	}

	@Test
	void listensOnLoopbackWithDefaultSettings() {
		assertThat(org.loginUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
		assertThat(org.instanceUrl()).matches("http://127\\.0\\.0\\.1:\\d+").isNotEqualTo(org.loginUrl());
		assertThat(org.consumerKey()).isEqualTo("3MVG9fake.consumer.key");
		assertThat(org.username()).isEqualTo("integration@example.com");
		assertThat(org.audience()).isEqualTo("https://login.salesforce.com");
		assertThat(org.orgId()).hasSize(18).startsWith("00D");
		assertThat(org.userId()).hasSize(18).startsWith("005");
	}

	@Test
	void givesIdsTheirCaseSafeSuffix() {
		// Salesforce's documented example: 001A0000006Vm9r -> 001A0000006Vm9rIAC
		assertThat(SalesforceIds.toCaseSafe("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
	}

	@Test
	void writesPrivateKeyAsPkcs8Pem() throws Exception {
		String pem = org.privateKeyPem();
		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----").contains("-----END PRIVATE KEY-----");
		String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		assertThat(key.getModulus()).isEqualTo(publicKey().getModulus());
		assertThat(key.getModulus().bitLength()).isEqualTo(2048);
	}

	@Test
	void writesSamePrivateKeyAsPkcs1Pem() throws Exception {
		String pem = org.privateKeyPkcs1Pem();
		assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----").contains("-----END RSA PRIVATE KEY-----");
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			PEMKeyPair keyPair = (PEMKeyPair) parser.readObject();
			RSAPrivateKey key = RSAPrivateKey.getInstance(keyPair.getPrivateKeyInfo().parsePrivateKey());
			assertThat(key.getModulus()).isEqualTo(publicKey().getModulus());
		}
	}

	@Test
	void writesCertificateOfItsKeyPair() throws Exception {
		X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
			.generateCertificate(new ByteArrayInputStream(org.certificatePem().getBytes(StandardCharsets.US_ASCII)));
		assertThat(certificate.getPublicKey()).isEqualTo(org.keyPair().getPublic());
		certificate.verify(org.keyPair().getPublic());
		certificate.checkValidity();
		assertThat(org.certificatePem().length()).isLessThan(4096);
	}

	@Test
	void pointsPropertiesAtTheOrg() {
		assertThat(org.properties()).containsEntry("salesforce.jwt.consumer-key", org.consumerKey())
			.containsEntry("salesforce.jwt.username", org.username())
			.containsEntry("salesforce.jwt.login-url", org.loginUrl())
			.containsEntry("salesforce.jwt.audience", org.audience())
			.containsEntry("salesforce.jwt.private-key", org.privateKeyPem());
	}

	@Test
	void connectsAsItsUserWithItsKey() {
		SalesforceConnectionDetails details = org.connectionDetails();
		assertThat(details.getLoginUrl()).hasToString(org.loginUrl());
		assertThat(details.getTokenUri()).hasToString(org.loginUrl() + "/services/oauth2/token");
		assertThat(details.getConsumerKey()).isEqualTo(org.consumerKey());
		assertThat(details.getUsername()).isEqualTo(org.username());
		assertThat(details.getAudience()).isEqualTo(org.audience());
		String assertion = JwtAssertions.sign(details.getJwtEncoder(), JwtAssertions.goodClaims(org));
		assertThat(new OrgClient(org).login(assertion).statusCode()).isEqualTo(200);
		assertThat(details.toString()).doesNotContain(org.privateKeyPem().split("\n")[1]);
	}

	@Test
	void keepsAudienceOfItsOwnInConnectionDetails() {
		try (FakeSalesforceOrg sandbox = FakeSalesforceOrg.builder().audience("https://test.salesforce.com").start()) {
			assertThat(sandbox.connectionDetails().getAudience()).isEqualTo("https://test.salesforce.com");
		}
	}

	@Test
	void keepsKeyAndTokensOutOfToString() {
		String accessToken = new OrgClient(org).accessToken();
		String privateKeyBody = org.privateKeyPem().split("\n")[1];
		assertThat(org.toString()).contains(org.loginUrl())
			.contains(org.instanceUrl())
			.doesNotContain(privateKeyBody)
			.doesNotContain(accessToken)
			.doesNotContain("PRIVATE KEY");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void logsNeitherKeyNorAssertionNorToken(CapturedOutput output) {
		OrgClient client = new OrgClient(org);
		String assertion = JwtAssertions.forOrg(org);
		String accessToken = OrgClient.json(client.login(assertion)).get("access_token").asText();
		client.login(JwtAssertions.sign(KeyMaterial.generateRsaKeyPair(), JwtAssertions.goodClaims(org)));
		client.get("/services/data/v66.0/query?q=SELECT+Id+FROM+Account", accessToken);
		client.get("/not/a/salesforce/path", accessToken);
		org.expireSessions();
		client.get("/services/data/v66.0/query?q=SELECT+Id+FROM+Account", accessToken);
		assertThat(output).doesNotContain(accessToken)
			.doesNotContain(assertion)
			.doesNotContain(org.privateKeyPem().split("\n")[1]);
	}

	@Test
	void buildsOrgWithSettingsOfItsOwn() {
		KeyPair keyPair = KeyMaterial.generateRsaKeyPair();
		try (FakeSalesforceOrg sandbox = FakeSalesforceOrg.builder()
			.consumerKey("3MVG9sandbox")
			.username("ci@example.com.dev")
			.audience("https://test.salesforce.com")
			.keyPair(keyPair)
			.accounts("Wayne Enterprises")
			.start()) {
			assertThat(sandbox.keyPair()).isSameAs(keyPair);
			assertThat(sandbox.accounts()).extracting(Account::name).containsExactly("Wayne Enterprises");
			OrgClient client = new OrgClient(sandbox);
			assertThat(client.login(JwtAssertions.forOrg(sandbox)).statusCode()).isEqualTo(200);
			String productionAudience = JwtAssertions.forOrg(sandbox,
					(claims) -> claims.audience(List.of("https://login.salesforce.com")));
			assertThat(OrgClient.json(client.login(productionAudience)).get("error_description").asText())
				.isEqualTo("audience is invalid");
		}
	}

	@Test
	void preAuthorizesItsUserAlwaysAndEachOtherUserOnce() {
		assertThat(org.preAuthorizedUsers()).containsExactly("integration@example.com");
		try (FakeSalesforceOrg team = FakeSalesforceOrg.builder()
			.username("ci@example.com")
			.preAuthorizedUsers("analyst@example.com", "ANALYST@example.com", "ci@example.com")
			.start()) {
			assertThat(team.preAuthorizedUsers()).containsExactly("ci@example.com", "analyst@example.com");
			assertThat(team.userId("ci@example.com")).isEqualTo(team.userId());
			assertThat(team.userId("Analyst@Example.com")).isEqualTo(team.userId("analyst@example.com"));
		}
	}

	@Test
	void refusesUserIdOfUserWhoIsNotPreAuthorized() {
		assertThatIllegalArgumentException().isThrownBy(() -> org.userId("intern@example.com"))
			.withMessageContaining("intern@example.com");
	}

	@Test
	void refusesEmptyPreAuthorizedUser() {
		assertThatIllegalArgumentException().isThrownBy(() -> FakeSalesforceOrg.builder().preAuthorizedUsers(" "));
	}

	@Test
	void refusesKeyThatIsNotRsa() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		KeyPair ecKeyPair = generator.generateKeyPair();
		assertThatIllegalArgumentException().isThrownBy(() -> FakeSalesforceOrg.builder().keyPair(ecKeyPair));
	}

	@Test
	void createsListsAndDeletesRecordsWithTheChecksOfTheRestApi() {
		try (FakeSalesforceOrg own = FakeSalesforceOrg.builder().accounts("Acme").start()) {
			String id = own.create("Contact", Map.of("FirstName", "Ada", "LastName", "Lovelace", "AccountId",
					own.accounts().get(0).id()));
			assertThat(id).hasSize(18).startsWith("003");
			assertThat(own.records("contact")).singleElement()
				.satisfies((contact) -> assertThat(contact).containsEntry("Id", id)
					.containsEntry("Name", "Ada Lovelace")
					.containsEntry("IsDeleted", false)
					.containsKeys(SObjectType.CONTACT.fieldNames().toArray(String[]::new)));
			assertThatIllegalArgumentException().isThrownBy(() -> own.create("Contact", Map.of("FirstName", "Ada")))
				.withMessage("REQUIRED_FIELD_MISSING: Required fields are missing: [LastName]");
			assertThatIllegalArgumentException().isThrownBy(() -> own.create("Account", Map.of("Bogus__c", "x")))
				.withMessage("INVALID_FIELD: No such column 'Bogus__c' on sobject of type Account");
			assertThatIllegalArgumentException().isThrownBy(() -> own.create("Opportunity", Map.of("Name", "x")))
				.withMessage("No type 'Opportunity' is declared");
			assertThatIllegalArgumentException().isThrownBy(() -> own.records("Opportunity"));
			own.delete(id);
			assertThat(own.records("Contact")).isEmpty();
			assertThatIllegalArgumentException().isThrownBy(() -> own.delete(id))
				.withMessage("ENTITY_IS_DELETED: entity is deleted");
		}
	}

	@Test
	void declaresTypesUntilReset() {
		try (FakeSalesforceOrg own = FakeSalesforceOrg.builder()
			.sObjectTypes(SObjectType.custom("Invoice__c").withField("Amount__c", FieldType.DOUBLE))
			.record("Invoice__c", Map.of("Name", "First", "Amount__c", 5))
			.start()) {
			assertThat(own.records("Invoice__c")).singleElement()
				.satisfies((invoice) -> assertThat(invoice).containsEntry("Amount__c", 5.0));
			own.declare(SObjectType.custom("Shipment__c"), SObjectType.ACCOUNT.withField("Region__c"));
			String shipment = own.create("Shipment__c", Map.of("Name", "S-1"));
			assertThat(shipment).startsWith("a01");
			assertThat(own.records("Account")).allSatisfy((account) -> assertThat(account).containsKey("Region__c"));
			own.create("Invoice__c", Map.of("Name", "Second"));
			own.reset();
			assertThat(own.records("Invoice__c")).extracting((invoice) -> invoice.get("Name")).containsExactly("First");
			assertThatIllegalArgumentException().isThrownBy(() -> own.records("Shipment__c"));
			assertThat(own.records("Account")).allSatisfy((account) -> assertThat(account).doesNotContainKey("Region__c"));
		}
	}

	@Test
	void refusesToStartWithASeedRecordTheRestApiWouldRefuse() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FakeSalesforceOrg.builder().record("Contact", Map.of("FirstName", "Ada")).start())
			.withMessageContaining("REQUIRED_FIELD_MISSING");
	}

	@Test
	void refusesTypesAndFieldsWithoutApiNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> SObjectType.custom("Invoice"));
		assertThatIllegalArgumentException().isThrownBy(() -> SObjectType.custom("Bad name__c"));
		assertThatIllegalArgumentException().isThrownBy(() -> SObjectType.ACCOUNT.withField("Bad-Name"));
		assertThatIllegalArgumentException().isThrownBy(() -> SObjectType.ACCOUNT.withField("CreatedDate"));
		assertThatIllegalArgumentException().isThrownBy(() -> SObjectType.ACCOUNT.withField("Other__c", FieldType.ID));
		assertThat(SObjectType.ACCOUNT.withField("Region__c").fieldNames()).contains("Region__c")
			.endsWith("CreatedDate", "LastModifiedDate", "SystemModstamp");
		assertThat(SObjectType.ACCOUNT.fieldNames()).doesNotContain("Region__c");
	}

	@Test
	void stopsWhenClosed() {
		FakeSalesforceOrg closing = FakeSalesforceOrg.start();
		assertThat(closing.wireMock().isRunning()).isTrue();
		assertThat(closing.loginWireMock().isRunning()).isTrue();
		closing.close();
		assertThat(closing.wireMock().isRunning()).isFalse();
		assertThat(closing.loginWireMock().isRunning()).isFalse();
		closing.close();
	}

	private static RSAPublicKey publicKey() {
		return (RSAPublicKey) org.keyPair().getPublic();
	}

}
