package io.squall.http.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Header names, methods and values common in requests, so parsing a typical request allocates no
 * {@code String} for them; and the ids of the fields that decide framing.
 */
final class KnownHeaders {
  static final int NONE = 0;
  static final int CONTENT_LENGTH = 1;
  static final int TRANSFER_ENCODING = 2;
  static final int HOST = 3;
  static final int CONNECTION = 4;
  static final int EXPECT = 5;

  // The first five match the ids above (index + 1).
  private static final AsciiTable NAMES =
      new AsciiTable(
          "Content-Length",
          "Transfer-Encoding",
          "Host",
          "Connection",
          "Expect",
          "User-Agent",
          "Accept",
          "Accept-Encoding",
          "Accept-Language",
          "Accept-Charset",
          "Content-Type",
          "Content-Encoding",
          "Cookie",
          "Referer",
          "Origin",
          "Authorization",
          "Cache-Control",
          "Pragma",
          "Upgrade",
          "Upgrade-Insecure-Requests",
          "If-None-Match",
          "If-Modified-Since",
          "If-Match",
          "If-Unmodified-Since",
          "If-Range",
          "Range",
          "TE",
          "Trailer",
          "Keep-Alive",
          "DNT",
          "Priority",
          "Date",
          "Via",
          "Forwarded",
          "Max-Forwards",
          "Sec-Fetch-Site",
          "Sec-Fetch-Mode",
          "Sec-Fetch-User",
          "Sec-Fetch-Dest",
          "Sec-CH-UA",
          "Sec-CH-UA-Mobile",
          "Sec-CH-UA-Platform",
          "Sec-GPC",
          "Sec-Purpose",
          "Sec-WebSocket-Key",
          "Sec-WebSocket-Version",
          "Sec-WebSocket-Extensions",
          "Sec-WebSocket-Protocol",
          "X-Forwarded-For",
          "X-Forwarded-Proto",
          "X-Forwarded-Host",
          "X-Real-IP",
          "X-Scheme",
          "X-Requested-With",
          "X-Xsrftoken",
          "X-Csrftoken");

  private static final String[] LOWER_NAMES = new String[NAMES.size()];

  static {
    for (int i = 0; i < LOWER_NAMES.length; i++) {
      LOWER_NAMES[i] = NAMES.string(i).toLowerCase(Locale.ROOT);
    }
  }

  private static final AsciiTable METHODS =
      new AsciiTable(
          "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE");

  private static final AsciiTable VALUES =
      new AsciiTable(
          "keep-alive",
          "close",
          "Keep-Alive",
          "Close",
          "Upgrade",
          "upgrade",
          "websocket",
          "13",
          "chunked",
          "100-continue",
          "*/*",
          "gzip",
          "gzip, deflate",
          "gzip, deflate, br",
          "gzip, deflate, br, zstd",
          "identity",
          "0",
          "1",
          "?0",
          "?1",
          "document",
          "navigate",
          "none",
          "same-origin",
          "same-site",
          "cross-site",
          "cors",
          "no-cors",
          "empty",
          "no-cache",
          "max-age=0",
          "u=0, i",
          "u=1, i",
          "u=0",
          "u=1",
          "\"Windows\"",
          "\"macOS\"",
          "\"Linux\"",
          "\"Android\"",
          "application/json",
          "application/x-www-form-urlencoded",
          "text/plain",
          "en-US,en;q=0.9",
          "en-US,en;q=0.5",
          "localhost",
          "127.0.0.1",
          "XMLHttpRequest");

  private KnownHeaders() {}

  /** The index of the known header name in {@code a[from, from+len)} (any case), or -1. */
  static int find(byte[] a, int from, int len) {
    return NAMES.indexOfIgnoreCase(a, from, len);
  }

  /** The framing-relevant id of known header {@code idx}: one of the constants above. */
  static int special(int idx) {
    return idx >= 0 && idx < EXPECT ? idx + 1 : NONE;
  }

  /**
   * The name of known header {@code idx} spelled as in {@code a[from, from+len)}: a shared instance
   * for the canonical and the all-lower-case spelling, a new string otherwise.
   */
  static String name(int idx, byte[] a, int from, int len) {
    if (NAMES.equalsExact(idx, a, from, len)) {
      return NAMES.string(idx);
    }
    if (NAMES.equalsLower(idx, a, from, len)) {
      return LOWER_NAMES[idx];
    }
    return new String(a, from, len, StandardCharsets.ISO_8859_1);
  }

  /** The method token in {@code a[from, from+len)}, shared for the standard methods. */
  static String method(byte[] a, int from, int len) {
    return sharedOrNew(METHODS, a, from, len);
  }

  /** The field value in {@code a[from, from+len)}, shared for a few very common values. */
  static String value(byte[] a, int from, int len) {
    return sharedOrNew(VALUES, a, from, len);
  }

  private static String sharedOrNew(AsciiTable table, byte[] a, int from, int len) {
    String s = table.findExact(a, from, len);
    return s != null ? s : new String(a, from, len, StandardCharsets.ISO_8859_1);
  }
}
