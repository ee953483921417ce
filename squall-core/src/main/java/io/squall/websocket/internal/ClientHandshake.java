package io.squall.websocket.internal;

import io.squall.http.HttpHeaders;
import io.squall.http.internal.HttpChars;
import io.squall.websocket.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The client's half of the opening handshake as bytes: the upgrade request to send and the parse of
 * the response head.
 */
public final class ClientHandshake {
  /** Largest response head accepted. */
  public static final int MAX_RESPONSE_HEAD = 64 * 1024;

  /** The end of a response head. */
  public static final byte[] END_OF_HEAD = {'\r', '\n', '\r', '\n'};

  private static final Set<String> RESERVED =
      Set.of(
          "upgrade",
          "connection",
          "sec-websocket-key",
          "sec-websocket-version",
          "sec-websocket-extensions",
          "sec-websocket-protocol");

  private ClientHandshake() {}

  /** A parsed response head. */
  public record ResponseHead(int status, String reason, HttpHeaders headers) {}

  /**
   * Formats the upgrade request.
   *
   * @param target the request target: raw path and query, e.g. {@code /chat?room=1}
   * @param host the {@code Host} value, unless {@code extraHeaders} has one
   * @param key the {@code Sec-WebSocket-Key}
   * @param subprotocols subprotocols to offer, possibly empty
   * @param extensions the {@code Sec-WebSocket-Extensions} offer, or null
   * @param extraHeaders more headers, in order
   * @throws IllegalArgumentException for a header the handshake sets itself, or a name or value
   *     that would break the request (not a token; CR, LF or NUL in the value)
   */
  public static byte[] request(
      String target,
      String host,
      String key,
      List<String> subprotocols,
      String extensions,
      Map<String, String> extraHeaders) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("GET ").append(target).append(" HTTP/1.1\r\n");
    String hostValue = host;
    for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
      if (h.getKey().equalsIgnoreCase("Host")) {
        hostValue = h.getValue();
      }
    }
    header(sb, "Host", hostValue);
    sb.append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    header(sb, "Sec-WebSocket-Key", key);
    sb.append("Sec-WebSocket-Version: ").append(Handshake.VERSION).append("\r\n");
    if (!subprotocols.isEmpty()) {
      for (String p : subprotocols) {
        if (!HttpChars.isToken(p)) {
          throw new IllegalArgumentException("subprotocol is not a token: " + p);
        }
      }
      header(sb, "Sec-WebSocket-Protocol", String.join(", ", subprotocols));
    }
    if (extensions != null) {
      header(sb, "Sec-WebSocket-Extensions", extensions);
    }
    for (Map.Entry<String, String> h : extraHeaders.entrySet()) {
      String name = h.getKey();
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the WebSocket handshake sets " + name + " itself");
      }
      if (!name.equalsIgnoreCase("Host")) {
        header(sb, name, h.getValue());
      }
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void header(StringBuilder sb, String name, String value) {
    if (!HttpChars.isToken(name)) {
      throw new IllegalArgumentException("header name is not a token: " + name);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        throw new IllegalArgumentException("header value contains CR, LF or NUL: " + name);
      }
    }
    sb.append(name).append(": ").append(value).append("\r\n");
  }

  /**
   * Parses a response head, from the status line to the empty line that ends it.
   *
   * @throws WebSocketHandshakeException if it is not an HTTP/1.x response head
   */
  public static ResponseHead parseResponse(byte[] head) throws WebSocketHandshakeException {
    String text = new String(head, StandardCharsets.ISO_8859_1);
    String[] lines = text.split("\r\n", -1);
    String status = lines[0];
    if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' ') {
      throw new WebSocketHandshakeException("malformed response status line: " + cut(status));
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new WebSocketHandshakeException("malformed response status line: " + cut(status));
    }
    String reason = status.length() > 13 ? status.substring(13) : "";
    HttpHeaders headers = new HttpHeaders();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new WebSocketHandshakeException("malformed response header line: " + cut(line));
      }
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      try {
        headers.add(name, value);
      } catch (IllegalArgumentException e) {
        throw new WebSocketHandshakeException("malformed response header line: " + cut(line));
      }
    }
    return new ResponseHead(code, reason, headers);
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
