package io.github.salesforcejwt.test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.UrlPattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The stubs of a fake org's two hosts: which requests each {@link OrgEndpoint} answers,
 * and 404 {@code NOT_FOUND} for every other request, so that WireMock never logs an
 * unmatched request (with its {@code Authorization} header or assertion).
 */
final class OrgStubs {

	/**
	 * Priority of the org's own stubs: stubs added with WireMock's default priority (5)
	 * take precedence.
	 */
	private static final int ORG_PRIORITY = 10;

	private OrgStubs() {
	}

	/**
	 * Register the stubs of the org's endpoints.
	 * @param loginServer the server of the login host: the token endpoint and the identity
	 * service
	 * @param instanceServer the server of the instance: the REST API and the UserInfo
	 * endpoint
	 */
	static void register(WireMockServer loginServer, WireMockServer instanceServer) {
		loginServer.stubFor(post(urlPathEqualTo(TokenEndpoint.TOKEN_PATH)).atPriority(ORG_PRIORITY)
			.willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
		loginServer.stubFor(post(urlPathEqualTo(TokenEndpoint.REVOKE_PATH)).atPriority(ORG_PRIORITY)
			.willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
		registerIdentityStubs(loginServer, urlPathMatching(IdentityService.IDENTITY_PATHS));
		registerIdentityStubs(loginServer, urlPathEqualTo(IdentityService.USERINFO_PATH));
		registerIdentityStubs(instanceServer, urlPathEqualTo(IdentityService.USERINFO_PATH));
		instanceServer.stubFor(any(urlPathMatching(RestApi.PATHS)).atPriority(ORG_PRIORITY)
			.willReturn(aResponse().withTransformers(RestApi.NAME)));
		registerNotFoundStub(loginServer, "this request on the login host");
		registerNotFoundStub(instanceServer, "this request on the instance");
	}

	private static void registerIdentityStubs(WireMockServer server, UrlPattern path) {
		server.stubFor(get(path).atPriority(ORG_PRIORITY).willReturn(aResponse().withTransformers(IdentityService.NAME)));
		server.stubFor(post(path).atPriority(ORG_PRIORITY).willReturn(aResponse().withTransformers(IdentityService.NAME)));
	}

	private static void registerNotFoundStub(WireMockServer server, String host) {
		server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE)
			.willReturn(Responses.apiError(404, "NOT_FOUND", Responses.notImplemented(host))));
	}

}
