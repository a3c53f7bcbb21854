package io.github.salesforcejwt.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Properties of one named org, {@code salesforce.jwt.orgs.<name>.*}: the keys of
 * {@link SalesforceLoginProperties}, {@code login-url} and {@code login.*}. Every key that
 * is not set is taken from the top-level {@code salesforce.jwt.*} properties, so that one
 * connected app's consumer key and private key serve every org. Two exceptions keep a
 * value from reaching an org it does not fit: an org with its own {@code login-url} does
 * not take the top-level {@code audience}, and an org with its own key
 * ({@code private-key}, {@code ssl-bundle} or {@code jwt-encoder}) takes none of the
 * top-level key settings.
 *
 * @author salesforce-jwt
 */
public class SalesforceOrgProperties extends SalesforceLoginProperties {

	/**
	 * Login host of this org, such as its My Domain URL. When not set, the top level's
	 * 'salesforce.jwt.login-url'.
	 */
	private @Nullable String loginUrl;

	private final Login login = new Login();

	@Override
	public @Nullable String getLoginUrl() {
		return this.loginUrl;
	}

	public void setLoginUrl(@Nullable String loginUrl) {
		this.loginUrl = loginUrl;
	}

	public Login getLogin() {
		return this.login;
	}

	/**
	 * Return the properties this org ends up with: the top level's, with this org's on top.
	 * @param top the top-level properties
	 * @return the org's effective properties, and the keys the org set itself
	 */
	Effective applyTo(SalesforceJwtProperties top) {
		SalesforceJwtProperties merged = new SalesforceJwtProperties();
		Set<String> sources = new LinkedHashSet<>();
		merged.setAssertionLifetime(top.getAssertionLifetime());
		merged.setApiVersion(top.getApiVersion());
		merged.setConsumerKey(top.getConsumerKey());
		merged.setUsername(top.getUsername());
		merged.setLoginUrl(top.getLoginUrl());
		merged.setTokenTimeToLive(top.getTokenTimeToLive());
		if (this.loginUrl == null) {
			merged.setAudience(top.getAudience());
		}
		if (getPrivateKey() == null && getSslBundle() == null && getJwtEncoder() == null) {
			merged.setPrivateKey(top.getPrivateKey());
			merged.setPrivateKeyPassword(top.getPrivateKeyPassword());
			merged.setSslBundle(top.getSslBundle());
			merged.setKeyAlias(top.getKeyAlias());
			merged.setCertificate(top.getCertificate());
			merged.setJwtEncoder(top.getJwtEncoder());
		}
		copyLogin(top.getLogin(), merged.getLogin());
		override(sources, "consumer-key", getConsumerKey(), merged::setConsumerKey);
		override(sources, "username", getUsername(), merged::setUsername);
		override(sources, "login-url", this.loginUrl, merged::setLoginUrl);
		override(sources, "audience", getAudience(), merged::setAudience);
		override(sources, "private-key", getPrivateKey(), merged::setPrivateKey);
		override(sources, "private-key-password", getPrivateKeyPassword(), merged::setPrivateKeyPassword);
		override(sources, "ssl-bundle", getSslBundle(), merged::setSslBundle);
		override(sources, "key-alias", getKeyAlias(), merged::setKeyAlias);
		override(sources, "certificate", getCertificate(), merged::setCertificate);
		override(sources, "jwt-encoder", getJwtEncoder(), merged::setJwtEncoder);
		override(sources, "token-time-to-live", getTokenTimeToLive(), merged::setTokenTimeToLive);
		this.login.applyTo(merged.getLogin(), sources);
		return new Effective(merged, Set.copyOf(sources));
	}

	private static void copyLogin(SalesforceJwtProperties.Login from, SalesforceJwtProperties.Login to) {
		to.setTimeout(from.getTimeout());
		to.setMaxAttempts(from.getMaxAttempts());
		to.setInitialBackoff(from.getInitialBackoff());
		to.setMaxBackoff(from.getMaxBackoff());
		to.setCoolDown(from.getCoolDown());
		to.setMaxCoolDown(from.getMaxCoolDown());
		to.setMaxPerHour(from.getMaxPerHour());
	}

	private static <T> void override(Set<String> sources, String key, @Nullable T value,
			Consumer<T> setter) {
		if (value != null) {
			setter.accept(value);
			sources.add(key);
		}
	}

	/**
	 * An org's effective properties.
	 *
	 * @param properties the merged properties
	 * @param ownKeys the keys the org sets itself, such as {@code username} or
	 * {@code login.timeout}
	 */
	record Effective(SalesforceJwtProperties properties, Set<String> ownKeys) {

	}

	/**
	 * This org's login settings; each one not set is the top level's.
	 */
	public static class Login {

		/**
		 * How long one token request may take.
		 */
		private @Nullable Duration timeout;

		/**
		 * Maximum number of token requests per login when they fail transiently.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Wait before the second attempt.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Longest wait between two attempts.
		 */
		private @Nullable Duration maxBackoff;

		/**
		 * Cool-down after a refused login.
		 */
		private @Nullable Duration coolDown;

		/**
		 * Longest cool-down after consecutive refusals.
		 */
		private @Nullable Duration maxCoolDown;

		/**
		 * Most logins per session of this org in a sliding hour.
		 */
		private @Nullable Integer maxPerHour;

		public @Nullable Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(@Nullable Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public @Nullable Duration getCoolDown() {
			return this.coolDown;
		}

		public void setCoolDown(@Nullable Duration coolDown) {
			this.coolDown = coolDown;
		}

		public @Nullable Duration getMaxCoolDown() {
			return this.maxCoolDown;
		}

		public void setMaxCoolDown(@Nullable Duration maxCoolDown) {
			this.maxCoolDown = maxCoolDown;
		}

		public @Nullable Integer getMaxPerHour() {
			return this.maxPerHour;
		}

		public void setMaxPerHour(@Nullable Integer maxPerHour) {
			this.maxPerHour = maxPerHour;
		}

		void applyTo(SalesforceJwtProperties.Login login, Set<String> sources) {
			override(sources, "login.timeout", this.timeout, login::setTimeout);
			override(sources, "login.max-attempts", this.maxAttempts, login::setMaxAttempts);
			override(sources, "login.initial-backoff", this.initialBackoff, login::setInitialBackoff);
			override(sources, "login.max-backoff", this.maxBackoff, login::setMaxBackoff);
			override(sources, "login.cool-down", this.coolDown, login::setCoolDown);
			override(sources, "login.max-cool-down", this.maxCoolDown, login::setMaxCoolDown);
			override(sources, "login.max-per-hour", this.maxPerHour, login::setMaxPerHour);
		}

	}

}
