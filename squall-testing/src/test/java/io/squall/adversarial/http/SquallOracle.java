package io.squall.adversarial.http;

import io.squall.http.HttpHeaders;
import io.squall.http.internal.Http1RequestParser;
import io.squall.http.internal.HttpParseException;
import io.squall.http.internal.ParserLimits;
import io.squall.http.internal.RequestHead;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Squall's {@link Http1RequestParser}, driven as {@code Http1ServerConnection} drives it: feed, go
 * on after the head, take the message, {@link Http1RequestParser#reset()} for the next one, stop
 * after a message that is not keep-alive.
 */
final class SquallOracle {
  private SquallOracle() {}

  /** Parses {@code input} in one buffer. */
  static Outcome parse(byte[] input) {
    return parse(input, null);
  }

  /**
   * Parses {@code input}, fed in pieces of 1 to 7 bytes chosen by {@code split} (or in one buffer
   * if null): the outcome must not depend on how bytes arrive.
   */
  static Outcome parse(byte[] input, Random split) {
    return parse(input, split, ParserLimits.DEFAULT);
  }

  /** As {@link #parse(byte[], Random)}, with the given limits. */
  static Outcome parse(byte[] input, Random split, ParserLimits limits) {
    Http1RequestParser parser = new Http1RequestParser(limits);
    List<Outcome.Message> messages = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    RequestHead[] head = new RequestHead[1];
    boolean[] done = new boolean[1];
    Http1RequestParser.Listener listener =
        new Http1RequestParser.Listener() {
          @Override
          public void onHead(RequestHead h) {
            head[0] = h;
          }

          @Override
          public void onBodyChunk(ByteBuffer chunk) {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            body.write(b, 0, b.length);
          }

          @Override
          public void onMessageComplete(HttpHeaders trailers) {
            done[0] = true;
          }
        };
    int pos = 0;
    int messageStart = 0;
    while (true) {
      int end = split == null ? input.length : Math.min(input.length, pos + 1 + split.nextInt(7));
      ByteBuffer buf = ByteBuffer.wrap(input, pos, end - pos);
      try {
        // as the connection does: after the head, feed again (with what is left, possibly nothing)
        do {
          parser.feed(buf, listener);
          if (done[0]) {
            RequestHead h = head[0];
            messages.add(new Outcome.Message(h.method(), h.target(), body.toByteArray()));
            body.reset();
            done[0] = false;
            if (!h.keepAlive()) {
              return new Outcome(messages, Outcome.End.CLOSED, true, "");
            }
            parser.reset();
            messageStart = buf.position();
          }
        } while (parser.state() == Http1RequestParser.State.HEAD_COMPLETE
            || (buf.hasRemaining() && parser.state() == Http1RequestParser.State.REQUEST_LINE));
      } catch (HttpParseException e) {
        return new Outcome(messages, Outcome.End.ERROR, false, e.status() + " " + e.getMessage());
      }
      pos = buf.position();
      if (pos >= input.length) {
        boolean clean =
            parser.state() == Http1RequestParser.State.REQUEST_LINE && messageStart == input.length;
        return new Outcome(messages, clean ? Outcome.End.OK : Outcome.End.INCOMPLETE, false, "");
      }
    }
  }
}
