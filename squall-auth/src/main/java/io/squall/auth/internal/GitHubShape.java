package io.squall.auth.internal;

import static io.squall.auth.internal.ProviderShape.first;
import static io.squall.auth.internal.ProviderShape.requireId;
import static io.squall.auth.internal.ProviderShape.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthUser;
import io.squall.auth.OAuth2Config;
import io.squall.httpclient.HttpRequest;

/**
 * GitHub: the standard token POST (GitHub answers JSON for {@code Accept: application/json}, and
 * refuses a code with 200 and an {@code error} member, which {@link ProviderCalls} turns into
 * {@code CODE_REJECTED}); the profile from {@code /user} with GitHub's media type. The id is
 * GitHub's numeric user id, the name falls back to the login.
 */
public final class GitHubShape extends StandardShape {
  /** The one instance. */
  public static final GitHubShape GITHUB = new GitHubShape();

  private GitHubShape() {}

  @Override
  public HttpRequest userInfoRequest(ProviderCalls calls, OAuth2Config config, String accessToken) {
    return calls
        .bearer(config.userInfoUrl(), accessToken)
        .removeHeader("Accept")
        .header("Accept", "application/vnd.github+json")
        .build();
  }

  @Override
  public AuthUser user(
      OAuth2Config config, String accessToken, JsonNode token, JsonNode info, JsonNode claims) {
    String id = requireId(config, text(info, "id"));
    return new AuthUser(
        config.name(),
        id,
        first(text(info, "name"), text(info, "login")),
        text(info, "email"),
        accessToken,
        info,
        token,
        null);
  }
}
