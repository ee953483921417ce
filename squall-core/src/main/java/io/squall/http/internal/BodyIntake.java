package io.squall.http.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.HttpServerOptions;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The body of the request a server connection is reading: whether one comes, its declared length
 * and the limit it must stay within (which the delegate may change once it has seen the head), the
 * bytes received so far, and gzip decoding when the server decompresses request bodies. Loop thread
 * only.
 */
final class BodyIntake {
  private final HttpServerOptions options;
  private boolean expected;
  private boolean expectContinue;
  private long maxSize;
  private long declaredLength = -1;
  private long received;
  private GzipBodyDecoder gzip;

  BodyIntake(HttpServerOptions options) {
    this.options = options;
    this.maxSize = options.maxBodySize();
  }

  /** Forgets the last request's body. */
  void reset() {
    expected = false;
    expectContinue = false;
    received = 0;
    declaredLength = -1;
    close();
    maxSize = options.maxBodySize();
  }

  /**
   * Reads what {@code head} says about the body. A gzip-encoded body, when the server decompresses
   * bodies, is decoded as it arrives, and the headers then say so ({@code Content-Encoding} is
   * removed, {@code X-Consumed-Content-Encoding: gzip} added), as in Tornado.
   */
  void start(RequestHead head) {
    long length = head.contentLength();
    declaredLength = length;
    expected = head.framing() == BodyFraming.CHUNKED || length > 0;
    expectContinue = expected && "HTTP/1.1".equals(head.version().text()) && head.expectContinue();
    if (options.decompressRequest() && expected) {
      HttpHeaders headers = head.headers();
      String ce = headers.get("Content-Encoding");
      if (ce != null && ce.trim().equalsIgnoreCase("gzip")) {
        headers.remove("Content-Encoding");
        headers.set("X-Consumed-Content-Encoding", "gzip");
        gzip = new GzipBodyDecoder(options.chunkSize());
      }
    }
  }

  /** Whether the request has a body. */
  boolean expected() {
    return expected;
  }

  /** Whether the client waits for {@code 100 Continue} before it sends the body. */
  boolean expectContinue() {
    return expectContinue;
  }

  /** Sets the largest body accepted for this request. */
  void setMaxSize(long bytes) {
    maxSize = bytes;
  }

  /** Why the declared {@code Content-Length} is refused, or null if it is within the limit. */
  String declaredOverLimit() {
    if (declaredLength > maxSize) {
      return "Content-Length " + declaredLength + " is over the limit of " + maxSize + " bytes";
    }
    return null;
  }

  /** Counts {@code chunk}; returns why the body is refused, or null while within the limit. */
  String receive(ByteBuffer chunk) {
    received += chunk.remaining();
    if (received > maxSize) {
      return "request body is over the limit of " + maxSize + " bytes";
    }
    return null;
  }

  /** Hands {@code chunk}, decoded if need be, to {@code sink}. */
  void deliver(ByteBuffer chunk, Consumer<ByteBuffer> sink) {
    if (gzip != null) {
      gzip.feed(chunk, maxSize, sink);
      return;
    }
    sink.accept(chunk);
  }

  /**
   * The body ended: checks that a gzip body ended too.
   *
   * @throws io.squall.http.HttpInputException if it did not
   */
  void finish() {
    if (gzip != null) {
      gzip.finish();
    }
  }

  /** Releases the decoder, if any. */
  void close() {
    if (gzip != null) {
      gzip.close();
      gzip = null;
    }
  }
}
