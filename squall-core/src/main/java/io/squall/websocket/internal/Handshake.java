package io.squall.websocket.internal;

import io.squall.http.internal.HeaderValues;
import io.squall.http.internal.HttpChars;
import io.squall.websocket.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The opening handshake (RFC 6455 section 4) without HTTP plumbing: the server's checks of an
 * upgrade request, the client's checks of the response, the accept key, and subprotocol lists.
 *
 * <p>Headers are read through a {@code Function<String, String>} from a header name (matched
 * without regard to case) to its value, with several field lines of the same name joined by ", ",
 * or null when absent.
 */
public final class Handshake {
  /** The GUID RFC 6455 appends to the key before hashing. */
  public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /** The only protocol version spoken: 13 (RFC 6455). */
  public static final String VERSION = "13";

  private static final SecureRandom KEYS = new SecureRandom();

  private Handshake() {}

  /**
   * The {@code Sec-WebSocket-Accept} value for a {@code Sec-WebSocket-Key}: base64 of the SHA-1 of
   * the key followed by the GUID.
   */
  public static String acceptKey(String secWebSocketKey) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
    sha1.update(secWebSocketKey.getBytes(StandardCharsets.ISO_8859_1));
    sha1.update(GUID.getBytes(StandardCharsets.ISO_8859_1));
    return Base64.getEncoder().encodeToString(sha1.digest());
  }

  /** A fresh {@code Sec-WebSocket-Key} for a client: base64 of 16 random bytes. */
  public static String newKey() {
    byte[] nonce = new byte[16];
    KEYS.nextBytes(nonce);
    return Base64.getEncoder().encodeToString(nonce);
  }

  /**
   * Checks an upgrade request as a server. In order: the method must be GET (else 405), {@code
   * Upgrade} must list "websocket" and {@code Connection} "upgrade" (case-insensitive tokens),
   * {@code Host} must be present (else 400), {@code Sec-WebSocket-Version} must be 13 (else 426
   * with {@code Sec-WebSocket-Version: 13}), and {@code Sec-WebSocket-Key} must be the base64 of 16
   * bytes (else 400).
   *
   * @param method the request method
   * @param headers the request headers
   */
  public static UpgradeCheck checkUpgradeRequest(String method, Function<String, String> headers) {
    if (!"GET".equals(method)) {
      return fail(405, "WebSocket upgrade requires GET", "Allow", "GET");
    }
    if (!HeaderValues.contains(headers.apply("Upgrade"), "websocket")) {
      return fail(400, "Can \"Upgrade\" only to \"WebSocket\".", null, null);
    }
    if (!HeaderValues.contains(headers.apply("Connection"), "upgrade")) {
      return fail(400, "\"Connection\" must be \"Upgrade\".", null, null);
    }
    String host = headers.apply("Host");
    if (host == null || host.isBlank()) {
      return fail(400, "Missing Host header", null, null);
    }
    String version = headers.apply("Sec-WebSocket-Version");
    if (version == null || !VERSION.equals(version.strip())) {
      return fail(426, "Unsupported WebSocket version", "Sec-WebSocket-Version", VERSION);
    }
    String key = headers.apply("Sec-WebSocket-Key");
    if (key == null || !isValidKey(key.strip())) {
      return fail(400, "Missing or invalid Sec-WebSocket-Key", null, null);
    }
    String accept = acceptKey(key.strip());
    Map<String, String> out = new LinkedHashMap<>();
    out.put("Upgrade", "websocket");
    out.put("Connection", "Upgrade");
    out.put("Sec-WebSocket-Accept", accept);
    return new UpgradeCheck(101, "Switching Protocols", accept, Collections.unmodifiableMap(out));
  }

  private static UpgradeCheck fail(int status, String message, String header, String value) {
    Map<String, String> out = header == null ? Map.of() : Map.of(header, value);
    return new UpgradeCheck(status, message, null, out);
  }

  /** Whether a {@code Sec-WebSocket-Key} is the padded base64 of exactly 16 bytes. */
  public static boolean isValidKey(String key) {
    if (key.length() != 24) {
      return false;
    }
    try {
      return Base64.getDecoder().decode(key).length == 16;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The subprotocols a client offers in {@code Sec-WebSocket-Protocol}: the comma list's tokens in
   * order, trimmed; empty elements and elements that are not tokens are dropped.
   *
   * @param value the header value, or null
   */
  public static List<String> parseSubprotocols(String value) {
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    for (String part : value.split(",", -1)) {
      String p = part.strip();
      if (HttpChars.isToken(p)) {
        result.add(p);
      }
    }
    return result;
  }

  /**
   * Checks the server's response to a client's upgrade request: status 101, {@code Upgrade:
   * websocket}, {@code Connection: Upgrade}, the right {@code Sec-WebSocket-Accept}, and a
   * subprotocol, if any, that was offered. Extensions are checked by {@link
   * PerMessageDeflate#acceptAsClient}.
   *
   * @param status the response status
   * @param headers the response headers
   * @param key the {@code Sec-WebSocket-Key} the client sent
   * @param offeredSubprotocols what the client offered, possibly empty
   * @return the subprotocol the server selected, or null
   * @throws WebSocketHandshakeException if the response does not complete the handshake
   */
  public static String checkUpgradeResponse(
      int status, Function<String, String> headers, String key, List<String> offeredSubprotocols)
      throws WebSocketHandshakeException {
    if (status != 101) {
      throw new WebSocketHandshakeException(status, "expected status 101, got " + status, "");
    }
    if (!HeaderValues.contains(headers.apply("Upgrade"), "websocket")) {
      throw new WebSocketHandshakeException("response lacks Upgrade: websocket");
    }
    if (!HeaderValues.contains(headers.apply("Connection"), "upgrade")) {
      throw new WebSocketHandshakeException("response lacks Connection: Upgrade");
    }
    String accept = headers.apply("Sec-WebSocket-Accept");
    if (accept == null || !accept.strip().equals(acceptKey(key))) {
      throw new WebSocketHandshakeException("wrong Sec-WebSocket-Accept: " + accept);
    }
    String protocol = headers.apply("Sec-WebSocket-Protocol");
    if (protocol == null) {
      return null;
    }
    protocol = protocol.strip();
    if (!offeredSubprotocols.contains(protocol)) {
      throw new WebSocketHandshakeException(
          "server selected a subprotocol that was not offered: " + protocol);
    }
    return protocol;
  }
}
