package io.github.salesforcejwt.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * WireMock answers as Salesforce gives them.
 */
final class SalesforceStubs {

	static final String TOKEN_PATH = "/services/oauth2/token";

	static final String ORG_ID = "00D410000012VvKEAU";

	static final String USER_ID = "005410000058zUdAAI";

	static final String SESSION_ENDED = "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]";

	private SalesforceStubs() {
	}

	static String tokenBody(String accessToken, String instanceUrl) {
		return "{\"access_token\":\"" + accessToken + "\",\"scope\":\"api\",\"instance_url\":\"" + instanceUrl
				+ "\",\"id\":\"https://login.salesforce.com/id/" + ORG_ID + "/" + USER_ID
				+ "\",\"token_type\":\"Bearer\",\"issued_at\":\"1764460800000\",\"signature\":\"c2lnbmF0dXJl\"}";
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
			.withBody(body);
	}

	static ResponseDefinitionBuilder token(String accessToken, String instanceUrl) {
		return json(200, tokenBody(accessToken, instanceUrl));
	}

	static ResponseDefinitionBuilder error(String error, String description) {
		return json(400, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
	}

	static void stubToken(WireMockServer server, String accessToken, String instanceUrl) {
		server.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token(accessToken, instanceUrl)));
	}

	static int tokenRequests(WireMockServer server) {
		return server.findAll(WireMock.postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
	}

}
