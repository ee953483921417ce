package io.squall.http.internal;

import io.squall.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serializes response heads and chunk framing into reusable byte arrays. Status lines of common
 * codes and the fixed framing bytes are encoded once.
 */
final class ResponseWriter {
  static final byte[] CRLF = {'\r', '\n'};
  static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CONTINUE_100 =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] STATUS_LINES_11 = new byte[600][];

  static {
    int[] common = {
      200, 201, 202, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 413, 500
    };
    for (int code : common) {
      STATUS_LINES_11[code] =
          ("HTTP/1.1 " + code + " " + HttpStatus.reason(code) + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private byte[] buf = new byte[512];
  private int len;

  void reset() {
    len = 0;
  }

  void statusLine(String version, int status, String reason) {
    if ("HTTP/1.1".equals(version)
        && status < STATUS_LINES_11.length
        && STATUS_LINES_11[status] != null
        && reason.equals(HttpStatus.reason(status))) {
      append(STATUS_LINES_11[status]);
      return;
    }
    ascii(version);
    append((byte) ' ');
    ascii(Integer.toString(status));
    append((byte) ' ');
    latin1(reason);
    append(CRLF);
  }

  void header(String name, String value) {
    latin1(name);
    append((byte) ':');
    append((byte) ' ');
    latin1(value);
    append(CRLF);
  }

  void header(String name, byte[] value) {
    latin1(name);
    append((byte) ':');
    append((byte) ' ');
    append(value);
    append(CRLF);
  }

  void endHead() {
    append(CRLF);
  }

  byte[] toBytes() {
    return Arrays.copyOf(buf, len);
  }

  static byte[] chunkHeader(int size) {
    return (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private void ascii(String s) {
    latin1(s);
  }

  private void latin1(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      // Values were validated (no CR/LF/NUL); characters above Latin-1 are sent as '?'.
      buf[len++] = c < 256 ? (byte) c : (byte) '?';
    }
  }

  private void append(byte b) {
    ensure(1);
    buf[len++] = b;
  }

  private void append(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
  }

  private void ensure(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
    }
  }
}
