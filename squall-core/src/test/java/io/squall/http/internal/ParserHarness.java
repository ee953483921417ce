package io.squall.http.internal;

import static org.assertj.core.api.Assertions.fail;

import io.squall.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Drives an {@link Http1RequestParser} over pieces of input and records what it reports. */
final class ParserHarness {
  /** One parsed message, in a form whose equality means "same parse result". */
  record Message(
      String method,
      String target,
      String version,
      List<String> headers,
      BodyFraming framing,
      long contentLength,
      boolean keepAlive,
      boolean expectContinue,
      String body,
      List<String> trailers,
      boolean complete) {}

  private ParserHarness() {}

  static ByteBuffer ascii(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static List<String> pairs(HttpHeaders h) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : h) {
      out.add(e.getKey() + ": " + e.getValue());
    }
    return out;
  }

  /** Records events; builds {@link Message}s. */
  static class Recorder implements Http1RequestParser.Listener {
    final List<Message> messages = new ArrayList<>();
    private RequestHead head;
    private final StringBuilder body = new StringBuilder();
    int events;

    @Override
    public void onHead(RequestHead h) {
      if (head != null) {
        fail("onHead twice without onMessageComplete");
      }
      events++;
      head = h;
      body.setLength(0);
    }

    @Override
    public void onBodyChunk(ByteBuffer chunk) {
      if (head == null) {
        fail("body before head");
      }
      if (!chunk.hasRemaining()) {
        fail("empty body chunk");
      }
      events++;
      byte[] b = new byte[chunk.remaining()];
      chunk.get(b);
      body.append(new String(b, StandardCharsets.ISO_8859_1));
    }

    @Override
    public void onMessageComplete(HttpHeaders trailers) {
      if (head == null) {
        fail("complete before head");
      }
      events++;
      messages.add(message(head, body.toString(), pairs(trailers), true));
      head = null;
    }

    /** The message whose head arrived but which is not complete yet, if any. */
    Message pending() {
      return head == null ? null : message(head, body.toString(), List.of(), false);
    }

    private static Message message(
        RequestHead h, String body, List<String> trailers, boolean complete) {
      return new Message(
          h.method(),
          h.target(),
          h.version().text(),
          pairs(h.headers()),
          h.framing(),
          h.contentLength(),
          h.keepAlive(),
          h.expectContinue(),
          body,
          trailers,
          complete);
    }
  }

  /**
   * Feeds the pieces in order, resetting after each complete message, and checks that every call
   * makes progress. Returns the complete messages followed by the pending one, if any.
   */
  static List<Message> run(Http1RequestParser p, List<ByteBuffer> pieces) {
    Recorder r = new Recorder();
    for (ByteBuffer piece : pieces) {
      drive(p, piece, r);
    }
    List<Message> out = new ArrayList<>(r.messages);
    if (r.pending() != null) {
      out.add(r.pending());
    }
    return out;
  }

  /** Feeds one buffer to exhaustion, resetting after complete messages. */
  static void drive(Http1RequestParser p, ByteBuffer piece, Http1RequestParser.Listener l) {
    for (int guard = 0; ; guard++) {
      if (guard > 10_000_000) {
        fail("parser loops");
      }
      Http1RequestParser.State before = p.state();
      int n = p.feed(piece, l);
      Http1RequestParser.State after = p.state();
      if (after == Http1RequestParser.State.MESSAGE_COMPLETE) {
        p.reset();
        continue;
      }
      if (after == Http1RequestParser.State.HEAD_COMPLETE) {
        continue;
      }
      if (!piece.hasRemaining()) {
        return;
      }
      if (n == 0 && before == after) {
        fail("no progress in state " + after + " with " + piece.remaining() + " bytes left");
      }
    }
  }

  /** Parses {@code raw} in one buffer. */
  static List<Message> parse(String raw) {
    return run(new Http1RequestParser(), List.of(ascii(raw)));
  }
}
