package io.github.salesforcejwt;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The hosts to which the access token may be sent: Salesforce's own domains, loopback
 * addresses (for tests and local stubs) and the hosts the application adds with
 * {@value #ALLOWED_HOSTS_PROPERTY}.
 * <p>
 * The token endpoint names the org's API host as {@code instance_url}, and every API call
 * then carries the token there. A token endpoint that is not Salesforce (a wrong
 * {@code login-url}, a proxy, a stub) could name any host; this class decides whether
 * the starter trusts it. A host matches a domain only on a label boundary:
 * {@code acme.my.salesforce.com} is on {@code .salesforce.com}, {@code evilsalesforce.com}
 * and {@code salesforce.com.evil.example} are not. Hosts compare case-insensitively and a
 * trailing dot (the fully qualified form) is ignored. Only host names made of letters,
 * digits, hyphens and dots can match; other hosts are allowed only when they are loopback
 * addresses.
 * <p>
 * Salesforce's domains ({@link #SALESFORCE_DOMAINS}), each meaning its subdomains:
 * <ul>
 * <li>{@code .salesforce.com}, {@code .force.com}, {@code .cloudforce.com}: the commercial
 * cloud (My Domain {@code *.my.salesforce.com}, instances such as
 * {@code na1.salesforce.com}, {@code *.lightning.force.com}).</li>
 * <li>{@code .salesforce.mil}, {@code .force.mil}, {@code .cloudforce.mil}: Government
 * Cloud Plus.</li>
 * <li>{@code .sfcrmapps.cn}, {@code .sfcrmproducts.cn}: Salesforce on Alibaba Cloud
 * (China).</li>
 * </ul>
 * Sources: Salesforce's list of domains to allowlist (Salesforce Help article 000003652,
 * as the Salesforce CLI cites it in {@code SfdcUrl.isSalesforceDomain}, forcedotcom/sfdx-core)
 * for {@code .salesforce.com}, {@code .force.com} and {@code .cloudforce.com}; the My
 * Domain formats of Government Cloud Plus ({@code MyDomainName.my.salesforce.mil}) and of
 * Salesforce on Alibaba Cloud ({@code MyDomainName.my.sfcrmproducts.cn}, Alibaba Cloud's
 * guides), whose domain families the tools that open Salesforce sessions recognise
 * (Salesforce Inspector Reloaded: {@code salesforce.mil}, {@code force.mil},
 * {@code cloudforce.mil}, {@code sfcrmapps.cn}, {@code sfcrmproducts.cn}). Other domains of
 * Salesforce's allowlist ({@code .visualforce.com}, {@code .salesforce-setup.com},
 * {@code .site.com}, ...) serve pages and content, not the REST API, and are not allowed
 * by default.
 *
 * @author salesforce-jwt
 */
public final class SalesforceInstanceHosts {

	/**
	 * The property that adds hosts to the ones allowed by default.
	 */
	public static final String ALLOWED_HOSTS_PROPERTY = "salesforce.jwt.allowed-instance-hosts";

	/**
	 * Salesforce's domains, each meaning its subdomains.
	 */
	public static final List<String> SALESFORCE_DOMAINS = List.of(".salesforce.com", ".force.com", ".cloudforce.com",
			".salesforce.mil", ".force.mil", ".cloudforce.mil", ".sfcrmapps.cn", ".sfcrmproducts.cn");

	private static final SalesforceInstanceHosts SALESFORCE_ONLY = new SalesforceInstanceHosts(List.of());

	private final List<String> allowedHosts;

	private final String[] exactHosts;

	private final String[] domains;

	private SalesforceInstanceHosts(List<String> allowedHosts) {
		this.allowedHosts = List.copyOf(allowedHosts);
		List<String> exact = new ArrayList<>();
		List<String> domains = new ArrayList<>(SALESFORCE_DOMAINS);
		for (String entry : this.allowedHosts) {
			(entry.startsWith(".") ? domains : exact).add(entry);
		}
		this.exactHosts = exact.toArray(String[]::new);
		this.domains = domains.toArray(String[]::new);
	}

	/**
	 * Return the hosts allowed by default: Salesforce's domains and loopback addresses.
	 * @return the default hosts
	 */
	public static SalesforceInstanceHosts salesforceOnly() {
		return SALESFORCE_ONLY;
	}

	/**
	 * Return Salesforce's domains, loopback addresses and the given hosts. An entry is an
	 * exact host ({@code api.example.com}) or a domain with a leading dot
	 * ({@code .example.com}), meaning every subdomain of that domain but not the domain
	 * itself. Entries are compared case-insensitively; a trailing dot is ignored.
	 * @param allowedHosts the hosts to add
	 * @return the hosts
	 * @throws IllegalArgumentException naming the first entry that is not a host or a
	 * domain of at least two labels
	 */
	public static SalesforceInstanceHosts of(Collection<String> allowedHosts) {
		Assert.notNull(allowedHosts, "'allowedHosts' must not be null");
		List<String> entries = new ArrayList<>();
		for (String entry : allowedHosts) {
			String problem = HostNames.problemWith(entry);
			if (problem != null) {
				throw new IllegalArgumentException("'" + entry + "' " + problem);
			}
			entries.add(HostNames.normalize(entry));
		}
		return entries.isEmpty() ? SALESFORCE_ONLY : new SalesforceInstanceHosts(entries);
	}

	/**
	 * Return the hosts added to the defaults, normalized (lower case, no trailing dot).
	 * @return the added hosts
	 */
	public List<String> getAllowedHosts() {
		return this.allowedHosts;
	}

	/**
	 * Return whether the access token may be sent to a host: a subdomain of one of
	 * Salesforce's domains, a loopback address, or a host added to the defaults. Cheap
	 * enough to be called for every request: no allocation for host names.
	 * @param host the host, as {@link URI#getHost()} returns it
	 * @return whether the token may be sent there
	 */
	public boolean isAllowedHost(@Nullable String host) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		int end = (host.length() > 1 && host.charAt(host.length() - 1) == '.') ? host.length() - 1 : host.length();
		if (!HostNames.isHostName(host, 0, end)) {
			return SalesforceHosts.isLoopback(host);
		}
		for (String domain : this.domains) {
			if (end > domain.length() && host.regionMatches(true, end - domain.length(), domain, 0, domain.length())) {
				return true;
			}
		}
		for (String exact : this.exactHosts) {
			if (end == exact.length() && host.regionMatches(true, 0, exact, 0, end)) {
				return true;
			}
		}
		return SalesforceHosts.isLoopback(host.substring(0, end));
	}

	/**
	 * Return whether a request URI points away from the hosts the token may be sent to:
	 * an absolute URI whose host is not allowed, that has user information, or that is not
	 * https (plain http only for loopback addresses). A relative URI (no scheme, no host)
	 * is not foreign. Cheap enough to be called for every request.
	 * @param uri the URI
	 * @return whether the token must not be sent with it
	 */
	public boolean isForeign(URI uri) {
		String scheme = uri.getScheme();
		if (scheme == null && uri.getRawAuthority() == null) {
			return false;
		}
		String host = uri.getHost();
		if (uri.getRawUserInfo() != null || !isAllowedHost(host)) {
			return true;
		}
		if ("https".equalsIgnoreCase(scheme)) {
			return false;
		}
		return !("http".equalsIgnoreCase(scheme) && SalesforceHosts.isLoopback(host));
	}

	/**
	 * Return whether an {@code instance_url} is acceptable: see {@link #check(URI)}.
	 * @param instanceUrl the {@code instance_url}
	 * @return whether the token may be sent to it
	 */
	public boolean isAllowed(URI instanceUrl) {
		return check(instanceUrl) == null;
	}

	/**
	 * Check an {@code instance_url}: an absolute https URL (plain http only for a loopback
	 * address) on an allowed host, with no user information, query or fragment and no
	 * path beyond {@code /}.
	 * @param instanceUrl the {@code instance_url}
	 * @return {@code null} when it is acceptable, else what is wrong with it, a phrase
	 * that names its host and follows "an instance_url that", never the user information
	 * or the query
	 */
	public @Nullable String check(URI instanceUrl) {
		String scheme = (instanceUrl.getScheme() != null) ? instanceUrl.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = instanceUrl.getHost();
		if (!(scheme.equals("https") || scheme.equals("http")) || host == null) {
			return "is not an absolute http(s) URL with a host";
		}
		if (instanceUrl.getRawUserInfo() != null) {
			return "has user information before its host " + host
					+ " (the token would go to " + host + ", not to the host it seems to name)";
		}
		if (instanceUrl.getRawQuery() != null || instanceUrl.getRawFragment() != null) {
			return "has a query or a fragment (host " + host + "); Salesforce's is a bare https://host";
		}
		String path = instanceUrl.getRawPath();
		if (path != null && !path.isEmpty() && !path.equals("/")) {
			return "has a path (host " + host + "); Salesforce's is a bare https://host";
		}
		if (!isAllowedHost(host)) {
			return "is on host " + host + ", which is not a Salesforce domain; if that host really serves "
					+ "your org's API, add it to " + ALLOWED_HOSTS_PROPERTY;
		}
		if (scheme.equals("http") && !SalesforceHosts.isLoopback(host)) {
			return "is not https: http://" + host + ((instanceUrl.getPort() != -1) ? ":" + instanceUrl.getPort() : "")
					+ "; the access token is only sent over https (or to a loopback address)";
		}
		return null;
	}

	@Override
	public String toString() {
		return "SalesforceInstanceHosts[salesforceDomains=" + SALESFORCE_DOMAINS + ", allowedHosts="
				+ this.allowedHosts + "]";
	}

}
