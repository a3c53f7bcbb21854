package io.github.salesforcejwt.redis;

import java.net.URI;
import java.time.Instant;

import io.github.salesforcejwt.SalesforceToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StoredTokenCodec}.
 */
class StoredTokenCodecTests {

	private static final String SECRET = "correct horse battery staple";

	private final SalesforceToken token = new SalesforceToken("00D!AQ.secret-access-token",
			URI.create("https://acme.my.salesforce.com"),
			URI.create("https://login.salesforce.com/id/00D000000000001AAA/005000000000001AAA"), "api refresh_token",
			"Bearer", Instant.parse("2026-01-02T03:04:05.678Z"));

	@Test
	void encryptsTheTokenAndReadsItBack() {
		StoredTokenCodec codec = new StoredTokenCodec(SECRET, true, "salesforce-jwt:");
		String stored = codec.encode(this.token);
		// Fragments of the plaintext long enough that random base64 cannot hold them by chance
		assertThat(stored).doesNotContain("secret-access-token")
			.doesNotContain("acme.my.salesforce")
			.doesNotContain("api refresh_token");
		SalesforceToken read = new StoredTokenCodec(SECRET, true, "salesforce-jwt:").decode(stored);
		assertThat(read.getAccessToken()).isEqualTo(this.token.getAccessToken());
		assertThat(read.getInstanceUrl()).isEqualTo(this.token.getInstanceUrl());
		assertThat(read.getIdentityUrl()).isEqualTo(this.token.getIdentityUrl());
		assertThat(read.getScope()).isEqualTo(this.token.getScope());
		assertThat(read.getIssuedAt()).isEqualTo(this.token.getIssuedAt());
		assertThat(read.getOrganizationId()).isEqualTo("00D000000000001AAA");
	}

	@Test
	void encryptsWithANewIvEachTime() {
		StoredTokenCodec codec = new StoredTokenCodec(SECRET, true, "salesforce-jwt:");
		assertThat(codec.encode(this.token)).isNotEqualTo(codec.encode(this.token));
	}

	@Test
	void cannotReadWhatAnotherSecretEncryptedAndDoesNotQuoteIt() {
		String stored = new StoredTokenCodec(SECRET, true, "salesforce-jwt:").encode(this.token);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StoredTokenCodec("another passphrase, 16+", true, "salesforce-jwt:").decode(stored))
			.withMessageStartingWith("The stored token cannot be decrypted")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(stored))
			.withNoCause();
	}

	@Test
	void keepsTheTokenInClearOnlyWhenEncryptionIsOff() {
		String stored = new StoredTokenCodec(null, false, "salesforce-jwt:").encode(this.token);
		assertThat(stored).contains("secret-access-token");
	}

	@Test
	void fingerprintsTellTokensApartWithoutShowingThem() {
		StoredTokenCodec codec = new StoredTokenCodec(SECRET, true, "salesforce-jwt:");
		String fingerprint = codec.fingerprint(this.token);
		assertThat(fingerprint).hasSize(64).doesNotContain("secret").isEqualTo(codec.fingerprint(this.token));
		assertThat(new StoredTokenCodec("another passphrase, 16+", true, "salesforce-jwt:").fingerprint(this.token))
			.isNotEqualTo(fingerprint);
	}

}
