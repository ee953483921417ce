package io.squall.adversarial.http;

import java.util.Arrays;
import java.util.List;

/**
 * What one parser made of one input: the messages it accepted, in order, and how it ended.
 *
 * @param messages the complete messages, in order
 * @param end how parsing stopped after them
 * @param closedAfterLast whether the parser would close the connection after the last message (not
 *     keep-alive), so bytes after it were never looked at
 * @param detail the error message or status, for the report
 */
record Outcome(List<Message> messages, End end, boolean closedAfterLast, String detail) {

  /** How parsing of an input stopped. */
  enum End {
    /** Every byte was consumed at a message boundary. */
    OK,
    /** The input ran out inside a message (the parser waits for more). */
    INCOMPLETE,
    /** The parser refused the input. */
    ERROR,
    /** The parser stopped after a message that closes the connection. */
    CLOSED
  }

  /** One accepted request. */
  record Message(String method, String target, byte[] body) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Message m
          && m.method.equals(method)
          && m.target.equals(target)
          && Arrays.equals(m.body, body);
    }

    @Override
    public int hashCode() {
      return method.hashCode() * 31 + target.hashCode() * 7 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return method + " " + target + " body=" + body.length;
    }
  }

  /** A short form for the report: {@code 2 msgs, ERROR(400)}. */
  String summary() {
    return messages.size()
        + " msg "
        + end
        + (detail == null || detail.isEmpty() ? "" : "(" + detail + ")");
  }
}
