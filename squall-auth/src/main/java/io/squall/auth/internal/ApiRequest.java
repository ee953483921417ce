package io.squall.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthError;
import io.squall.auth.OAuth2Config;
import io.squall.httpclient.AsyncHttpClient;
import io.squall.httpclient.HttpRequest;
import io.squall.ioloop.IOLoop;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An API call on the user's behalf ({@code oauth2Request}, {@code facebookRequest}). */
public final class ApiRequest {
  private ApiRequest() {}

  /**
   * Sends a GET (or a form POST when {@code postArgs} is non-null) to {@code url}, relative to the
   * API base when it starts with {@code /}, with {@code args} in the query and the token as a
   * Bearer header, on {@code client} (null for one of its own); the answer as JSON.
   */
  public static CompletableFuture<JsonNode> send(
      IOLoop loop,
      AsyncHttpClient client,
      OAuth2Config config,
      String url,
      String accessToken,
      Map<String, String> postArgs,
      Map<String, String> args) {
    String full = url;
    if (url.startsWith("/")) {
      if (config.apiBaseUrl() == null) {
        throw new IllegalArgumentException(
            config.name() + " has no apiBaseUrl for the relative URL " + url);
      }
      full = config.apiBaseUrl() + url;
    }
    full = args == null ? full : Urls.concat(full, args);
    ProviderCalls calls = ProviderCalls.open(loop, config, client);
    HttpRequest.Builder b = postArgs != null ? calls.postForm(full, postArgs) : calls.request(full);
    if (accessToken != null) {
      b.header("Authorization", "Bearer " + accessToken);
    }
    return calls
        .json("API request", b.build(), AuthError.Kind.PROVIDER_FAILURE)
        .whenComplete((r, e) -> calls.close());
  }
}
