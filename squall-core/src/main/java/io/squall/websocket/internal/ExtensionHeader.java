package io.squall.websocket.internal;

import io.squall.http.internal.HttpChars;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and formats {@code Sec-WebSocket-Extensions} values (RFC 6455 section 9.1): a comma list
 * of extensions, each a token followed by {@code ;}-separated parameters that may have a token or
 * quoted-string value, e.g. {@code permessage-deflate; client_max_window_bits, permessage-deflate;
 * server_max_window_bits="10"}.
 */
public final class ExtensionHeader {
  /**
   * One parameter.
   *
   * @param name the parameter name as sent
   * @param value the value, unquoted, or null when the parameter has none
   */
  public record Param(String name, String value) {}

  /**
   * One extension offer or response.
   *
   * @param name the extension token as sent
   * @param params its parameters in order, duplicates kept
   */
  public record Extension(String name, List<Param> params) {
    /** Compact constructor: copies the list. */
    public Extension {
      params = List.copyOf(params);
    }
  }

  private ExtensionHeader() {}

  /**
   * Parses a header value. Empty list elements are skipped, as HTTP requires.
   *
   * @param value the header value (several field lines joined with ", ")
   * @return the extensions in order; empty for null or blank input
   * @throws IllegalArgumentException if the value does not follow the grammar
   */
  public static List<Extension> parse(String value) {
    List<Extension> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    Cursor c = new Cursor(value);
    while (true) {
      c.skipWhitespace();
      if (c.atEnd()) {
        return result;
      }
      if (c.peek() == ',') {
        c.pos++;
        continue;
      }
      String name = c.token();
      List<Param> params = new ArrayList<>();
      c.skipWhitespace();
      while (!c.atEnd() && c.peek() == ';') {
        c.pos++;
        c.skipWhitespace();
        String param = c.token();
        c.skipWhitespace();
        String paramValue = null;
        if (!c.atEnd() && c.peek() == '=') {
          c.pos++;
          c.skipWhitespace();
          paramValue = !c.atEnd() && c.peek() == '"' ? c.quoted() : c.token();
          c.skipWhitespace();
        }
        params.add(new Param(param, paramValue));
      }
      if (!c.atEnd() && c.peek() != ',') {
        throw c.error("expected ',' or ';'");
      }
      result.add(new Extension(name, params));
    }
  }

  /** Formats one extension for a header, quoting values that are not tokens. */
  public static String format(Extension extension) {
    StringBuilder sb = new StringBuilder(extension.name());
    for (Param p : extension.params()) {
      sb.append("; ").append(p.name());
      if (p.value() != null) {
        sb.append('=');
        if (HttpChars.isToken(p.value())) {
          sb.append(p.value());
        } else {
          sb.append('"');
          for (int i = 0; i < p.value().length(); i++) {
            char ch = p.value().charAt(i);
            if (ch == '"' || ch == '\\') {
              sb.append('\\');
            }
            sb.append(ch);
          }
          sb.append('"');
        }
      }
    }
    return sb.toString();
  }

  private static final class Cursor {
    final String s;
    int pos;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    char peek() {
      return s.charAt(pos);
    }

    void skipWhitespace() {
      while (!atEnd() && HttpChars.isOws(peek())) {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (!atEnd() && HttpChars.isTchar(peek())) {
        pos++;
      }
      if (pos == start) {
        throw error("expected a token");
      }
      return s.substring(start, pos);
    }

    String quoted() {
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (!atEnd()) {
        char ch = s.charAt(pos++);
        if (ch == '"') {
          return sb.toString();
        }
        if (ch == '\\') {
          if (atEnd()) {
            break;
          }
          ch = s.charAt(pos++);
        }
        if (ch != '\t' && (ch < 0x20 || ch == 0x7F)) {
          throw error("control character in quoted string");
        }
        sb.append(ch);
      }
      throw error("unterminated quoted string");
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "malformed Sec-WebSocket-Extensions at " + pos + ": " + what + ": " + s);
    }
  }
}
