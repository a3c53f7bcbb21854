package io.github.salesforcejwt.autoconfigure;

import java.security.KeyPair;
import java.util.function.Supplier;

import org.springframework.util.Assert;

/**
 * The key pair that signs assertions: fixed for a PEM key, replaced when an SSL bundle
 * reloads. Each assertion reads the newest one.
 *
 * @author salesforce-jwt
 */
final class SigningKey implements Supplier<KeyPair> {

	private volatile KeyPair keyPair;

	SigningKey(KeyPair keyPair) {
		Assert.notNull(keyPair, "'keyPair' must not be null");
		this.keyPair = keyPair;
	}

	@Override
	public KeyPair get() {
		return this.keyPair;
	}

	void update(KeyPair keyPair) {
		Assert.notNull(keyPair, "'keyPair' must not be null");
		this.keyPair = keyPair;
	}

	@Override
	public String toString() {
		return "SigningKey";
	}

}
