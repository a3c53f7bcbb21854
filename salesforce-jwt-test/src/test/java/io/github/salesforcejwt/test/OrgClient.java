package io.github.salesforcejwt.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plain {@link HttpClient} talking to a {@link FakeSalesforceOrg}.
 */
final class OrgClient {

	private static final ObjectMapper objectMapper = new ObjectMapper();

	private final FakeSalesforceOrg org;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	OrgClient(FakeSalesforceOrg org) {
		this.org = org;
	}

	HttpResponse<String> login(String assertion) {
		return postForm("/services/oauth2/token",
				"grant_type=" + encode(TokenEndpoint.JWT_BEARER) + "&assertion=" + encode(assertion));
	}

	String accessToken() {
		return accessToken(this.org.username());
	}

	String accessToken(String username) {
		HttpResponse<String> response = login(JwtAssertions.forOrg(this.org, (claims) -> claims.subject(username)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Login failed: " + response.body());
		}
		return json(response).get("access_token").asText();
	}

	HttpResponse<String> postForm(String path, String form) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
	}

	HttpResponse<String> get(String path, String accessToken) {
		return get(uri(path), accessToken);
	}

	HttpResponse<String> getWithoutToken(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	HttpResponse<String> query(String soql, String accessToken) {
		return query("v66.0", soql, accessToken);
	}

	HttpResponse<String> query(String version, String soql, String accessToken) {
		return get("/services/data/" + version + "/query?q=" + encode(soql), accessToken);
	}

	HttpResponse<String> postJson(String path, String json, String accessToken) {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Authorization", "Bearer " + accessToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the URI of a path on the host that serves it: the login host for the token
	 * endpoint, revocation and identity URLs, the instance for everything else.
	 * @param path the path
	 * @return the URI
	 */
	URI uri(String path) {
		boolean login = path.startsWith("/services/oauth2/token") || path.startsWith("/services/oauth2/revoke")
				|| path.startsWith("/id/");
		return login ? loginUri(path) : instanceUri(path);
	}

	URI loginUri(String path) {
		return URI.create(this.org.loginUrl() + path);
	}

	URI instanceUri(String path) {
		return URI.create(this.org.instanceUrl() + path);
	}

	HttpResponse<String> get(URI uri, String accessToken) {
		return send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken).GET().build());
	}

	static JsonNode json(HttpResponse<String> response) {
		try {
			return objectMapper.readTree(response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
