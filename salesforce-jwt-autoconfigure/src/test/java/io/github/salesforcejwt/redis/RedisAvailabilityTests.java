package io.github.salesforcejwt.redis;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisAvailability}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisAvailabilityTests {

	private final RedisAvailability availability = new RedisAvailability(
			Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC));

	@Test
	void aCommandSentBeforeTheOutageWasNoticedDoesNotEndIt(CapturedOutput output) {
		long sentBefore = this.availability.commandStarted();
		long failing = this.availability.commandStarted();
		this.availability.failed(failing, new IOException("Connection refused"));
		// The command sent before Redis stopped answers late: Redis is still down
		this.availability.succeeded(sentBefore);
		assertThat(this.availability.getUnavailableReason())
			.isEqualTo("IOException: Connection refused since 2026-11-30T12:00:00Z");
		this.availability.failed(this.availability.commandStarted(), new IOException("Connection refused"));
		assertThat(count(output, "Redis cannot be used")).isOne();
		assertThat(count(output, "Redis answers again:")).isZero();
		assertThat(failing).isGreaterThan(sentBefore);
	}

	@Test
	void aCommandSentAfterTheOutageWasNoticedEndsIt(CapturedOutput output) {
		this.availability.failed(this.availability.commandStarted(), new IOException("Connection refused"));
		long sentAfter = this.availability.commandStarted();
		this.availability.succeeded(sentAfter);
		assertThat(this.availability.getUnavailableReason()).isNull();
		assertThat(count(output, "Redis answers again: Salesforce sessions and logins are shared through it again"))
			.isOne();
		this.availability.failed(this.availability.commandStarted(), new IOException("Connection reset"));
		assertThat(count(output, "Redis cannot be used")).isEqualTo(2);
		assertThat(this.availability.getUnavailableReason()).startsWith("IOException: Connection reset");
	}

	@Test
	void aCommandSentDuringAnEndedOutageThatFailsLateStartsNoNewOne(CapturedOutput output) {
		this.availability.failed(this.availability.commandStarted(), new IOException("Connection refused"));
		long sentDuringOutage = this.availability.commandStarted();
		this.availability.succeeded(this.availability.commandStarted());
		// It timed out only now, after Redis was back
		this.availability.failed(sentDuringOutage, new IOException("Command timed out"));
		assertThat(this.availability.getUnavailableReason()).isNull();
		assertThat(count(output, "Redis cannot be used")).isOne();
		assertThat(count(output, "Redis answers again:")).isOne();
	}

	@Test
	void warnsOncePerOutageHoweverManyCommandsFail(CapturedOutput output) {
		for (int i = 0; i < 10; i++) {
			this.availability.failed(this.availability.commandStarted(), new IOException("Connection refused"));
		}
		assertThat(count(output, "Redis cannot be used (IOException: Connection refused)")).isOne();
	}

	private int outputBefore;

	@BeforeEach
	void markOutput(CapturedOutput output) {
		// The captured output holds the earlier tests' lines too
		this.outputBefore = output.getAll().length();
	}

	private long count(CapturedOutput output, String text) {
		return output.getAll().substring(this.outputBefore).lines().filter((line) -> line.contains(text)).count();
	}

}
