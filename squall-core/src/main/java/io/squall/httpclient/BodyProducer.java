package io.squall.httpclient;

import java.util.concurrent.CompletionStage;

/**
 * Produces a request body as it goes (Tornado's {@code body_producer}): called once the request
 * head is sent, it writes the body through the {@link BodyWriter} and returns a stage that
 * completes when the body is done. With a {@code Content-Length} header the bytes go out as they
 * are (and must add up to it); without one the body is sent with chunked transfer coding.
 *
 * <pre>{@code
 * HttpRequest.builder(url).method("PUT").bodyProducer(w ->
 *     w.write(part1).thenCompose(v -> w.write(part2)))
 * }</pre>
 */
@FunctionalInterface
public interface BodyProducer {
  /** Writes the body; the returned stage completes (or fails) when it is done. */
  CompletionStage<?> produce(BodyWriter writer);
}
