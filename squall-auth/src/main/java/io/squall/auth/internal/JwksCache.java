package io.squall.auth.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import io.squall.auth.AuthError;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Providers' JSON Web Key Sets, fetched with the login's own {@link ProviderCalls} (on the loop,
 * never blocking it; nimbus's own retriever would) and parsed by nimbus. A set is kept for its
 * {@code Cache-Control: max-age} (between 1 minute and 1 day, 1 hour without one) and fetched again
 * early when a token names a key id the set lacks (keys rotate), at most every 10 seconds. Shared
 * by all loops; a fetch in flight is not shared, so every continuation stays on its own loop.
 */
public final class JwksCache {
  private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
  private static final Duration DEFAULT_TTL = Duration.ofHours(1);
  private static final Duration MIN_REFETCH = Duration.ofSeconds(10);
  private static final Map<String, Entry> CACHE = new ConcurrentHashMap<>();

  private JwksCache() {}

  private record Entry(JWKSet keys, Instant fetched, Instant expires) {}

  /** The key set at {@code url}, holding {@code kid} if the provider has it (kid may be null). */
  public static CompletableFuture<JWKSet> get(ProviderCalls calls, String url, String kid) {
    Instant now = Instant.now();
    Entry e = CACHE.get(url);
    if (e != null && now.isBefore(e.expires())) {
      boolean hasKey = kid == null || e.keys().getKeyByKeyId(kid) != null;
      if (hasKey || now.isBefore(e.fetched().plus(MIN_REFETCH))) {
        return CompletableFuture.completedFuture(e.keys());
      }
    }
    CompletableFuture<JWKSet> result = new CompletableFuture<>();
    calls
        .fetchRaw("JWKS request", url)
        .whenComplete(
            (r, error) -> {
              if (error != null) {
                result.completeExceptionally(ProviderCalls.unwrap(error));
                return;
              }
              try {
                JWKSet keys = JWKSet.parse(r.body().toString());
                Instant at = Instant.now();
                CACHE.put(url, new Entry(keys, at, at.plus(ttl(r.cacheControl()))));
                result.complete(keys);
              } catch (ParseException ex) {
                result.completeExceptionally(
                    new AuthError(
                        AuthError.Kind.PROVIDER_FAILURE,
                        "the JWKS at " + url + " is not a JSON Web Key Set: " + ex.getMessage(),
                        ex));
              }
            });
    return result;
  }

  /** Forgets every cached set (tests). */
  public static void clear() {
    CACHE.clear();
  }

  private static Duration ttl(String cacheControl) {
    if (cacheControl == null) {
      return DEFAULT_TTL;
    }
    Matcher m = MAX_AGE.matcher(cacheControl);
    if (!m.find()) {
      return DEFAULT_TTL;
    }
    long s;
    try {
      s = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return DEFAULT_TTL;
    }
    return Duration.ofSeconds(Math.clamp(s, 60, 86_400));
  }

  /** A fetched JWKS document: its JSON and its Cache-Control header. */
  public record Fetched(JsonNode body, String cacheControl) {}
}
