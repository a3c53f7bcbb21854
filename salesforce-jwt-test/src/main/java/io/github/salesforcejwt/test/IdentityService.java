package io.github.salesforcejwt.test;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * The identity service of a fake org: the UserInfo endpoint, {@code GET} or {@code POST}
 * {@code /services/oauth2/userinfo} (on the login host and on the instance), and the
 * identity URL that the token response's {@code id} gives, {@code /id/<orgId>/<userId>}
 * on the login host. Both answer with the access token of a live session, in the
 * {@code Authorization} header or the {@code oauth_token} parameter. Like
 * Salesforce's identity service, and unlike the REST API, they answer 403 with the bare
 * error code {@code Bad_OAuth_Token} to a token that is not of a live session and
 * {@code Missing_OAuth_Token} to a request without one. Calls to them are not API calls:
 * they do not count in the API usage.
 */
final class IdentityService extends OrgEndpoint {

	static final String NAME = "salesforce-identity-service";

	static final String USERINFO_PATH = "/services/oauth2/userinfo";

	static final String IDENTITY_PATHS = "/id/[^/]+/[^/]+/?";

	IdentityService(OrgState state) {
		super(NAME, state);
	}

	@Override
	ResponseDefinition answer(Request request) {
		String token = Requests.bearerToken(request);
		if (token == null) {
			// the identity service also takes the token as a parameter, as jsforce sends it
			token = Requests.parameter(request, "oauth_token");
		}
		if (token == null) {
			return Responses.identityError(403, "Missing_OAuth_Token");
		}
		OrgUser user = state().sessions().user(token);
		if (user == null) {
			return Responses.identityError(403, "Bad_OAuth_Token");
		}
		String path = Requests.path(request);
		if (!path.startsWith("/id/")) {
			return Responses.json(200, userInfo(user)).build();
		}
		String[] segments = path.split("/");
		if (!SalesforceIds.same(segments[2], state().orgId())) {
			return SalesforceIds.isValid(segments[2]) ? Responses.identityError(403, "Wrong_Org")
					: Responses.identityError(404, "Bad_Id");
		}
		OrgUser subject = state().users().findById(segments[3]);
		if (subject == null) {
			return Responses.identityError(404, "Bad_Id");
		}
		return Responses.json(200, identity(subject, subject.equals(user))).build();
	}

	/**
	 * Return the UserInfo document: OpenID Connect's claims and Salesforce's own.
	 * @param user the user
	 * @return the document
	 */
	private Map<String, Object> userInfo(OrgUser user) {
		String name = name(user.username());
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
		body.put("profile", state().instanceUrl() + "/" + user.userId());
		body.put("is_salesforce_integration_user", false);
		body.put("urls", urls(user));
		putCommonFields(body);
		return body;
	}

	/**
	 * Return the identity document of the identity URL.
	 * @param user the user the URL names
	 * @param asserted whether the access token is the user's own
	 * @return the document
	 */
	private Map<String, Object> identity(OrgUser user, boolean asserted) {
		String name = name(user.username());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", state().identityUrl(user));
		body.put("asserted_user", asserted);
		body.put("user_id", user.userId());
		body.put("organization_id", state().orgId());
		body.put("username", user.username());
		body.put("nick_name", name);
		body.put("display_name", name);
		body.put("email", user.username());
		body.put("email_verified", true);
		body.put("first_name", null);
		body.put("last_name", name);
		body.put("timezone", "GMT");
		body.put("urls", urls(user));
		putCommonFields(body);
		return body;
	}

	private Map<String, Object> urls(OrgUser user) {
		String instanceUrl = state().instanceUrl();
		String data = instanceUrl + "/services/data/v{version}/";
		Map<String, Object> urls = new LinkedHashMap<>();
		urls.put("rest", data);
		urls.put("sobjects", data + "sobjects/");
		urls.put("query", data + "query/");
		urls.put("profile", instanceUrl + "/" + user.userId());
		urls.put("custom_domain", instanceUrl);
		return urls;
	}

	private static void putCommonFields(Map<String, Object> body) {
		body.put("active", true);
		body.put("user_type", "STANDARD");
		body.put("language", "en_US");
		body.put("locale", "en_US");
		body.put("utcOffset", 0);
		body.put("is_app_installed", true);
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
