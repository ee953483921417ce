package io.squall.web.internal;

/**
 * Reason phrases of the registered HTTP status codes (IANA HTTP Status Code Registry, wording of
 * RFC 9110 where it defines the code), for the status line and error pages.
 */
public final class HttpStatusReasons {
  /** The phrase for codes that are not registered. */
  public static final String UNKNOWN = "Unknown";

  private static final String[] REASONS = new String[600];

  static {
    r(100, "Continue");
    r(101, "Switching Protocols");
    r(102, "Processing");
    r(103, "Early Hints");
    r(200, "OK");
    r(201, "Created");
    r(202, "Accepted");
    r(203, "Non-Authoritative Information");
    r(204, "No Content");
    r(205, "Reset Content");
    r(206, "Partial Content");
    r(207, "Multi-Status");
    r(208, "Already Reported");
    r(226, "IM Used");
    r(300, "Multiple Choices");
    r(301, "Moved Permanently");
    r(302, "Found");
    r(303, "See Other");
    r(304, "Not Modified");
    r(305, "Use Proxy");
    r(307, "Temporary Redirect");
    r(308, "Permanent Redirect");
    r(400, "Bad Request");
    r(401, "Unauthorized");
    r(402, "Payment Required");
    r(403, "Forbidden");
    r(404, "Not Found");
    r(405, "Method Not Allowed");
    r(406, "Not Acceptable");
    r(407, "Proxy Authentication Required");
    r(408, "Request Timeout");
    r(409, "Conflict");
    r(410, "Gone");
    r(411, "Length Required");
    r(412, "Precondition Failed");
    r(413, "Content Too Large");
    r(414, "URI Too Long");
    r(415, "Unsupported Media Type");
    r(416, "Range Not Satisfiable");
    r(417, "Expectation Failed");
    r(418, "I'm a teapot"); // reserved by RFC 9110; Python (and so Tornado) knows it
    r(421, "Misdirected Request");
    r(422, "Unprocessable Content");
    r(423, "Locked");
    r(424, "Failed Dependency");
    r(425, "Too Early");
    r(426, "Upgrade Required");
    r(428, "Precondition Required");
    r(429, "Too Many Requests");
    r(431, "Request Header Fields Too Large");
    r(451, "Unavailable For Legal Reasons");
    r(500, "Internal Server Error");
    r(501, "Not Implemented");
    r(502, "Bad Gateway");
    r(503, "Service Unavailable");
    r(504, "Gateway Timeout");
    r(505, "HTTP Version Not Supported");
    r(506, "Variant Also Negotiates");
    r(507, "Insufficient Storage");
    r(508, "Loop Detected");
    r(510, "Not Extended");
    r(511, "Network Authentication Required");
  }

  private HttpStatusReasons() {}

  private static void r(int code, String reason) {
    REASONS[code] = reason;
  }

  /** The reason phrase for {@code code}, or {@value #UNKNOWN} if it is not registered. */
  public static String reason(int code) {
    String r = code >= 0 && code < REASONS.length ? REASONS[code] : null;
    return r == null ? UNKNOWN : r;
  }

  /** Whether {@code code} is a registered status code. */
  public static boolean isKnown(int code) {
    return code >= 0 && code < REASONS.length && REASONS[code] != null;
  }
}
