package io.squall.websocket;

/**
 * WebSocket close status codes (RFC 6455 section 7.4) and the rule for which of them may appear in
 * a Close frame.
 *
 * <p>Codes are plain {@code int}s because applications may use any code from the private range
 * 4000-4999 and registered libraries the range 3000-3999.
 */
public final class CloseCode {
  /** 1000: the purpose of the connection has been fulfilled. */
  public static final int NORMAL_CLOSURE = 1000;

  /** 1001: the endpoint is going away (server shutdown, page navigation). */
  public static final int GOING_AWAY = 1001;

  /** 1002: the peer broke the protocol. */
  public static final int PROTOCOL_ERROR = 1002;

  /** 1003: the endpoint received a type of data it cannot accept (e.g. binary when text-only). */
  public static final int UNSUPPORTED_DATA = 1003;

  /**
   * 1005: no status code was present in the Close frame. Reported locally, never sent in a frame.
   */
  public static final int NO_STATUS_RECEIVED = 1005;

  /** 1006: the connection closed without a Close frame. Reported locally, never sent in a frame. */
  public static final int ABNORMAL_CLOSURE = 1006;

  /** 1007: a message's data was not consistent with its type (e.g. invalid UTF-8 in text). */
  public static final int INVALID_PAYLOAD = 1007;

  /** 1008: a message violated the endpoint's policy. */
  public static final int POLICY_VIOLATION = 1008;

  /** 1009: a message was too big to process. */
  public static final int MESSAGE_TOO_BIG = 1009;

  /** 1010: the client expected the server to negotiate an extension it did not. */
  public static final int MANDATORY_EXTENSION = 1010;

  /** 1011: the server met an unexpected condition. */
  public static final int INTERNAL_ERROR = 1011;

  private CloseCode() {}

  /**
   * Whether {@code code} may be carried in a Close frame: 1000-1003, 1007-1011 and the ranges
   * 3000-4999 reserved for libraries and applications. Codes that are reserved for local use (1005,
   * 1006, 1015), unassigned, or outside these ranges are not.
   *
   * <p>The IANA-registered codes 1012-1014 are refused as well, like most protocol test suites do.
   *
   * @param code a close status code
   * @return true if the code is valid on the wire
   */
  public static boolean isValidOnWire(int code) {
    return (code >= 1000 && code <= 1003)
        || (code >= 1007 && code <= 1011)
        || (code >= 3000 && code <= 4999);
  }
}
