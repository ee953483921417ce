package io.squall.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.auth.AuthError;
import io.squall.auth.OAuth2Config;
import io.squall.escape.Json;
import io.squall.httpclient.AsyncHttpClient;
import io.squall.httpclient.HttpClientOptions;
import io.squall.httpclient.HttpRequest;
import io.squall.httpclient.HttpResponse;
import io.squall.ioloop.IOLoop;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The calls one login makes to its provider, on an {@link AsyncHttpClient} of the handler's loop
 * that the login closes when it ends. Every answer is JSON; every failure becomes an {@link
 * AuthError} that says which call failed and how.
 */
public final class ProviderCalls implements AutoCloseable {
  /** The User-Agent of provider calls (GitHub's API refuses requests without one). */
  public static final String USER_AGENT = "Squall-auth";

  private final AsyncHttpClient client;
  private final boolean owned;
  private final OAuth2Config config;

  private ProviderCalls(AsyncHttpClient client, boolean owned, OAuth2Config config) {
    this.client = client;
    this.owned = owned;
    this.config = config;
  }

  /**
   * Calls to {@code config}'s provider from {@code loop}, on {@code shared} when it is non-null (a
   * client of the application's, left open), else on a client of their own that {@link #close()}
   * closes.
   */
  public static ProviderCalls open(IOLoop loop, OAuth2Config config, AsyncHttpClient shared) {
    if (shared != null) {
      return new ProviderCalls(shared, false, config);
    }
    return new ProviderCalls(
        AsyncHttpClient.create(loop, HttpClientOptions.defaults().toBuilder().build()),
        true,
        config);
  }

  /** A request builder with the common settings (timeout, JSON, user agent, errors as answers). */
  public HttpRequest.Builder request(String url) {
    return HttpRequest.builder(url)
        .requestTimeout(config.requestTimeout())
        .connectTimeout(config.requestTimeout())
        .userAgent(USER_AGENT)
        .header("Accept", "application/json")
        .raiseError(false);
  }

  /** A GET of {@code url} with {@code accessToken} as an {@code Authorization: Bearer} header. */
  public HttpRequest.Builder bearer(String url, String accessToken) {
    return request(url).header("Authorization", "Bearer " + accessToken);
  }

  /** A POST of a form to {@code url}. */
  public HttpRequest.Builder postForm(String url, Map<String, String> form) {
    return request(url)
        .method("POST")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Urls.encode(form));
  }

  /**
   * Sends {@code request} and parses the answer as a JSON object. A 4xx answer, or (for {@code
   * refused == CODE_REJECTED}) a 200 carrying an {@code error} member as GitHub sends, fails with
   * {@code refused}; anything else unusable with {@code PROVIDER_FAILURE}.
   *
   * @param what what the call is, for messages ("token request")
   */
  public CompletableFuture<JsonNode> json(
      String what, HttpRequest request, AuthError.Kind refused) {
    return send(what, request, r -> answer(what, r, refused));
  }

  /** A GET of a JSON document, with its Cache-Control header; failures are PROVIDER_FAILURE. */
  public CompletableFuture<JwksCache.Fetched> fetchRaw(String what, String url) {
    return send(
        what,
        request(url).build(),
        r ->
            new JwksCache.Fetched(
                answer(what, r, AuthError.Kind.PROVIDER_FAILURE),
                r.headers().get("Cache-Control")));
  }

  private <T> CompletableFuture<T> send(
      String what, HttpRequest request, Function<HttpResponse, T> onAnswer) {
    return client
        .fetch(request)
        .handle(
            (r, e) -> {
              if (e != null) {
                Throwable cause = unwrap(e);
                throw new AuthError(
                    AuthError.Kind.PROVIDER_FAILURE,
                    "the " + what + " to " + config.name() + " failed: " + cause,
                    cause);
              }
              return onAnswer.apply(r);
            });
  }

  private JsonNode answer(String what, HttpResponse r, AuthError.Kind refused) {
    JsonNode json = parse(r);
    if (r.code() >= 400 && r.code() < 500) {
      throw new AuthError(
          refused,
          config.name() + " refused the " + what + ": " + r.code() + " " + errorText(json, r));
    }
    if (r.code() < 200 || r.code() > 299) {
      throw new AuthError(
          AuthError.Kind.PROVIDER_FAILURE,
          config.name() + " answered the " + what + " with " + r.code() + " " + r.reason());
    }
    if (json == null || !json.isObject()) {
      throw new AuthError(
          AuthError.Kind.PROVIDER_FAILURE,
          config.name() + " answered the " + what + " with something that is not a JSON object");
    }
    if (refused == AuthError.Kind.CODE_REJECTED && json.hasNonNull("error")) {
      throw new AuthError(
          refused, config.name() + " refused the " + what + ": " + errorText(json, r));
    }
    return json;
  }

  private static JsonNode parse(HttpResponse r) {
    try {
      return Json.mapper().readTree(r.body());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The provider's words for an error: OAuth's {@code error}/{@code error_description}. */
  private static String errorText(JsonNode json, HttpResponse r) {
    if (json != null && json.isObject()) {
      JsonNode error = json.get("error");
      if (error != null && error.isObject()) { // Facebook: {"error": {"message": ..., "type": ...}}
        return error.path("type").asText("error") + " (" + error.path("message").asText("") + ")";
      }
      if (error != null) {
        String d = json.path("error_description").asText(null);
        return error.asText() + (d != null ? " (" + d + ")" : "");
      }
    }
    String text = r.text();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** The cause inside the wrappers of {@link CompletableFuture}. */
  public static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }
}
