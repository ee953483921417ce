package io.squall.adversarial.http;

/**
 * The rules that settle the cases where Squall is not the stricter parser. Each is narrow: it
 * recognises one known difference by the other parser's own error and the input, and names the RFC
 * 9112 section that lets Squall do what it does. Anything else stays unsettled and fails the test.
 */
final class Settlements {
  private Settlements() {}

  static final String BARE_LF =
      "RFC 9112 §2.2: a recipient MAY recognize a single LF as a line terminator in the head "
          + "(Tornado and h11 do; Netty 4.2 refuses; Squall never does inside a chunked body)";
  static final String LEADING_EMPTY_LINES =
      "RFC 9112 §2.2: a server SHOULD ignore at least one empty line received before the "
          + "request-line (Squall ignores up to 16, as Netty; h11 ignores none)";
  static final String SAME_CONTENT_LENGTHS =
      "RFC 9112 §6.3 rule 5 (RFC 9110 §8.6): a Content-Length list whose values are all the same "
          + "is processed as that one value (h11 agrees; Netty refuses by default)";
  static final String CHUNK_LINE =
      "RFC 9112 §7.1/§7.1.1: chunk-size is 1*HEXDIG with no length bound (Squall checks overflow) "
          + "and chunk-ext allows BWS before ';' (Netty agrees; h11 refuses both)";
  static final String OBS_TEXT_TARGET =
      "RFC 9112 §3: an invalid request-line SHOULD (not MUST) get 400; Squall keeps Tornado's "
          + "request-target = 1*(VCHAR / obs-text) since raw bytes above 0x7F cannot move a "
          + "message boundary (Netty agrees; h11 refuses)";

  /**
   * The rule that makes Squall right for this disagreement, or null if none does.
   *
   * @param c the input
   * @param oracle "netty" or "h11"
   * @param cmp how Squall's outcome compares with the oracle's
   * @param squall Squall's outcome
   * @param other the oracle's outcome
   */
  static String settle(
      HttpCorpus.Case c, String oracle, Comparison cmp, Outcome squall, Outcome other) {
    if (cmp != Comparison.SQUALL_LAXER || other.end() != Outcome.End.ERROR) {
      return null; // a mismatch on a body or a boundary is never settled
    }
    String why = other.detail();
    String text = c.text();
    if (oracle.equals("netty")) {
      if (why.contains("Line Feed must be preceded by Carriage Return") && hasBareLf(text)) {
        return BARE_LF;
      }
      if ((why.contains("Multiple Content-Length values found")
              || why.contains("Content-Length value is not a number"))
          && text.contains("Content-Length")) {
        return SAME_CONTENT_LENGTHS;
      }
      return null;
    }
    if (why.equals("no request line received") && hasEmptyLineBeforeRequestLine(text, other)) {
      return LEADING_EMPTY_LINES;
    }
    if (why.startsWith("illegal chunk header")
        && text.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      return CHUNK_LINE;
    }
    if (why.startsWith("illegal request line") && requestLineHasObsText(text, other)) {
      return OBS_TEXT_TARGET;
    }
    return null;
  }

  private static boolean hasBareLf(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n' && (i == 0 || s.charAt(i - 1) != '\r')) {
        return true;
      }
    }
    return false;
  }

  /** h11 stopped where an empty line (CRLF or LF) stands before a request line. */
  private static boolean hasEmptyLineBeforeRequestLine(String s, Outcome h11) {
    return h11.messages().isEmpty()
        ? s.startsWith("\r\n") || s.startsWith("\n")
        : s.contains("\r\n\r\n\r\n") || s.contains("\n\r\n\r\n") || s.contains("\n\n\r\n");
  }

  private static boolean requestLineHasObsText(String s, Outcome h11) {
    if (!h11.messages().isEmpty()) {
      return false;
    }
    int eol = s.indexOf('\n');
    String line = eol < 0 ? s : s.substring(0, eol);
    return line.chars().anyMatch(ch -> ch >= 0x80);
  }
}
