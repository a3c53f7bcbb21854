package io.github.salesforcejwt;

import java.time.Duration;

import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CoolingDownSalesforceTokenClient}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CoolingDownSalesforceTokenClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ScriptedTokenClient client = new ScriptedTokenClient();

	private final MutableClock clock = new MutableClock();

	private final RecordedObservations observations = new RecordedObservations();

	@Test
	void failsAtOnceWithTheSameErrorDuringTheCoolDownWithoutAskingAgain() {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> coolingDown.requestToken().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.isCoolingDown()).isFalse());
		assertThat(this.client.requests).hasValue(1);
		for (int i = 0; i < 50; i++) {
			assertThatExceptionOfType(SalesforceAuthenticationException.class)
				.isThrownBy(() -> coolingDown.requestToken().block(TIMEOUT))
				.satisfies((ex) -> {
					assertThat(ex.getError()).isEqualTo("invalid_grant");
					assertThat(ex.getFix()).contains("Admin approved users are pre-authorized");
					assertThat(ex.getMessage()).contains("not asked again");
					assertThat(ex.isCoolingDown()).isTrue();
				});
		}
		assertThat(this.client.requests).hasValue(1);
		this.clock.advance(Duration.ofMillis(1001));
		coolingDown.requestToken().block(TIMEOUT);
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void doublesTheCoolDownForEachConsecutiveRefusalUpToTheMaximumAndResetsItOnSuccess() {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ofSeconds(1), Duration.ofSeconds(3));
		for (int i = 0; i < 4; i++) {
			this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		}
		refused(coolingDown);
		this.clock.advance(Duration.ofMillis(1001));
		refused(coolingDown); // second refusal: 2 s
		this.clock.advance(Duration.ofMillis(1500));
		assertThat(coolingDown(coolingDown)).isTrue();
		this.clock.advance(Duration.ofMillis(501));
		refused(coolingDown); // third refusal: 4 s capped to 3 s
		this.clock.advance(Duration.ofMillis(2900));
		assertThat(coolingDown(coolingDown)).isTrue();
		this.clock.advance(Duration.ofMillis(101));
		refused(coolingDown); // fourth refusal: 3 s
		this.clock.advance(Duration.ofMillis(3001));
		coolingDown.requestToken().block(TIMEOUT);
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		refused(coolingDown);
		this.clock.advance(Duration.ofMillis(1001)); // back to 1 s after the success
		assertThat(coolingDown(coolingDown)).isFalse(); // and that request succeeds
		assertThat(this.client.requests).hasValue(7);
	}

	@Test
	void doesNotCoolDownAfterATransientFailure() {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ofMinutes(1), Duration.ofMinutes(1));
		this.client.next(Mono.error(ScriptedTokenClient.transientFailure()));
		this.client.next(Mono.error(new IllegalStateException("connection reset")));
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> coolingDown.requestToken().block(TIMEOUT));
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> coolingDown.requestToken().block(TIMEOUT));
		assertThat(coolingDown.requestToken().block(TIMEOUT)).isNotNull();
		assertThat(this.client.requests).hasValue(3);
	}

	@Test
	void asksAgainAtOnceWithoutACoolDown() {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ZERO, Duration.ZERO);
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		refused(coolingDown);
		assertThat(coolingDown.requestToken().block(TIMEOUT)).isNotNull();
		assertThat(this.client.requests).hasValue(2);
	}

	@Test
	void countsATokenClientThatAnswersNoTokenAsARefusal() {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.client.next(Mono.empty());
		StepVerifier.create(coolingDown.requestToken())
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("completed without a token"))
			.verify(TIMEOUT);
		assertThat(coolingDown(coolingDown)).isTrue();
	}

	@Test
	void observesEachRequestRefusedDuringTheCoolDownButNoOther() {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		refused(coolingDown);
		assertThat(this.observations.stopped()).isEmpty();
		for (int i = 0; i < 3; i++) {
			assertThat(coolingDown(coolingDown)).isTrue();
		}
		assertThat(this.observations.keyValues()).hasSize(3)
			.allSatisfy((keyValues) -> assertThat(keyValues)
				.isEqualTo("error.code=invalid_grant org=acme outcome=cool_down"));
		Observation.Context context = this.observations.stopped().get(0);
		assertThat(context.getName()).isEqualTo("salesforce.jwt.login");
		assertThat(context.getContextualName()).isEqualTo("salesforce jwt login");
		assertThat(context.getError()).isNull();
		assertThat(((SalesforceLoginObservationContext) context).getFailure())
			.isInstanceOfSatisfying(SalesforceAuthenticationException.class,
					(ex) -> assertThat(ex.isCoolingDown()).isTrue());
	}

	@Test
	void observesTheRefusalsWithACustomConvention() {
		SalesforceTokenClient coolingDown = new CoolingDownSalesforceTokenClient(this.client, Duration.ofSeconds(1),
				Duration.ofMinutes(1), this.clock, this.observations.registry,
				new DefaultSalesforceLoginObservationConvention("acme.salesforce.login"), "acme");
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		refused(coolingDown);
		assertThat(coolingDown(coolingDown)).isTrue();
		assertThat(this.observations.stopped()).singleElement()
			.satisfies((context) -> assertThat(context.getName()).isEqualTo("acme.salesforce.login"));
	}

	@Test
	void logsHowLongItWillNotAskAgain(CapturedOutput output) {
		SalesforceTokenClient coolingDown = coolingDown(Duration.ofSeconds(1), Duration.ofMinutes(1));
		this.client.next(Mono.error(ScriptedTokenClient.refusal()));
		refused(coolingDown);
		assertThat(output).contains("Salesforce refused the login for org 'acme'; not asking again for 1000 ms");
	}

	@Test
	void refusesAMaximumCoolDownBelowTheInitialOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> coolingDown(Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessage("'maxCoolDown' must not be less than 'initialCoolDown'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> coolingDown(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
			.withMessage("'initialCoolDown' must not be negative");
	}

	private CoolingDownSalesforceTokenClient coolingDown(Duration initial, Duration max) {
		return new CoolingDownSalesforceTokenClient(this.client, initial, max, this.clock, this.observations.registry,
				null, "acme");
	}

	private void refused(SalesforceTokenClient coolingDown) {
		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> coolingDown.requestToken().block(TIMEOUT))
			.satisfies((ex) -> assertThat(ex.isCoolingDown()).isFalse());
	}

	private boolean coolingDown(SalesforceTokenClient coolingDown) {
		int before = this.client.requests.get();
		try {
			coolingDown.requestToken().block(TIMEOUT);
			return false;
		}
		catch (SalesforceAuthenticationException ex) {
			return this.client.requests.get() == before && ex.isCoolingDown();
		}
	}

}
