package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The UserInfo endpoint of a fake org, {@code GET} or {@code POST}
 * {@code /services/oauth2/userinfo}: answers the user whose access token the request
 * carries, with the fields Salesforce documents. Like Salesforce's identity service, and
 * unlike the REST API, it answers 403 with the bare error code {@code Bad_OAuth_Token} to
 * a token that is not of a live session and {@code Missing_OAuth_Token} to a request
 * without one. Calls to it are not API calls: they do not count in the API usage.
 */
final class UserInfoEndpoint extends OrgEndpoint {

	static final String NAME = "salesforce-userinfo-endpoint";

	static final String PATH = "/services/oauth2/userinfo";

	UserInfoEndpoint(OrgState state) {
		super(NAME, state);
	}

	@Override
	ResponseDefinition answer(Request request) {
		String token = Requests.bearerToken(request);
		if (token == null) {
			return Responses.identityError("Missing_OAuth_Token");
		}
		OrgUser user = state().sessionUser(token);
		if (user == null) {
			return Responses.identityError("Bad_OAuth_Token");
		}
		return Responses.json(200, userInfo(user)).build();
	}

	private Map<String, Object> userInfo(OrgUser user) {
		String baseUrl = state().baseUrl();
		String name = name(user.username());
		Map<String, Object> urls = new LinkedHashMap<>();
		urls.put("rest", baseUrl + "/services/data/v{version}/");
		urls.put("sobjects", baseUrl + "/services/data/v{version}/sobjects/");
		urls.put("query", baseUrl + "/services/data/v{version}/query/");
		urls.put("profile", baseUrl + "/" + user.userId());
		urls.put("custom_domain", baseUrl);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sub", state().identityUrl(user));
		body.put("user_id", user.userId());
		body.put("organization_id", state().orgId());
		body.put("preferred_username", user.username());
		body.put("nickname", name);
		body.put("name", name);
		body.put("email", user.username());
		body.put("email_verified", true);
		body.put("family_name", name);
		body.put("zoneinfo", "GMT");
		body.put("profile", baseUrl + "/" + user.userId());
		body.put("is_salesforce_integration_user", false);
		body.put("urls", urls);
		body.put("active", true);
		body.put("user_type", "STANDARD");
		body.put("language", "en_US");
		body.put("locale", "en_US");
		body.put("utcOffset", 0);
		body.put("is_app_installed", true);
		return body;
	}

	/**
	 * Return the user's name: the part of the username before the {@code @}.
	 * @param username the username, an email address as Salesforce requires
	 * @return the name
	 */
	private static String name(String username) {
		int at = username.indexOf('@');
		return (at > 0) ? username.substring(0, at) : username;
	}

}
