package io.squall.web.internal;

import io.squall.http.HttpDates;
import io.squall.http.internal.HttpChars;
import io.squall.web.CookieOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds one {@code Set-Cookie} header value, refusing anything that could break the header.
 *
 * <p>The name must be an HTTP token. The value may be any ASCII text without control characters: a
 * value made only of RFC 6265 cookie-octets is written as is; any other (containing space, {@code
 * "}, {@code ,}, {@code ;} or {@code \}) is quoted the way Tornado (Python's {@code http.cookies})
 * quotes it: wrapped in double quotes, with {@code "} and {@code \} backslash-escaped and {@code ,}
 * and {@code ;} written as the octal escapes {@code \054} and {@code \073}. Control characters
 * (including CR, LF, NUL and tab) and non-ASCII characters in the value, and control characters,
 * whitespace or {@code ;} in the domain, path or name are refused with {@link
 * IllegalArgumentException} when set: no header injection, no silently mangled cookies. Encode
 * binary or non-ASCII data first (for example with a signed value, which is base64).
 *
 * <p>Attribute rules browsers enforce are checked by {@link #build()} ({@link
 * IllegalStateException}): {@code SameSite=None} and {@code Partitioned} need {@code Secure}; a
 * {@code __Secure-} name needs {@code Secure}; a {@code __Host-} name needs {@code Secure}, {@code
 * Path=/} and no {@code Domain}.
 *
 * <p>As in Tornado, the path defaults to {@code /}. Attributes are written in the order Tornado
 * writes them: Domain, Expires, HttpOnly, Max-Age, Path, SameSite, Secure (then Partitioned).
 */
public final class SetCookieBuilder {
  private static final Instant EPOCH = Instant.EPOCH;

  private final String name;
  private String value;
  private String domain;
  private String path = "/";
  private Instant expires;
  private Long maxAge;
  private boolean secure;
  private boolean httpOnly;
  private SameSite sameSite;
  private boolean partitioned;

  private SetCookieBuilder(String name, String value) {
    this.name = checkName(name);
    this.value = checkValue(name, value);
  }

  /**
   * Starts a cookie.
   *
   * @throws IllegalArgumentException if the name is not a token, or the value contains control or
   *     non-ASCII characters
   */
  public static SetCookieBuilder of(String name, String value) {
    return new SetCookieBuilder(name, value);
  }

  /**
   * Starts a header that deletes cookie {@code name}: empty value, {@code Expires} in 1970 and
   * {@code Max-Age=0}. Give it the same domain and path (and, for {@code SameSite=None} cookies,
   * the same {@code Secure}/{@code SameSite}) the cookie was set with, or the browser keeps it.
   */
  public static SetCookieBuilder clearing(String name) {
    return new SetCookieBuilder(name, "").expires(EPOCH).maxAge(0);
  }

  /** Applies every attribute of {@code options} that is set. */
  public SetCookieBuilder options(CookieOptions options) {
    pathAndDomain(options);
    if (options.expires() != null) {
      expires(options.expires());
    }
    if (options.maxAge() != null) {
      maxAge(options.maxAge());
    }
    secure(options.secure());
    httpOnly(options.httpOnly());
    if (options.sameSite() != null) {
      sameSite(SameSite.of(options.sameSite()));
    }
    return this;
  }

  /** Applies the domain and path of {@code options} that are set (for clearing a cookie). */
  public SetCookieBuilder pathAndDomain(CookieOptions options) {
    if (options.domain() != null) {
      domain(options.domain());
    }
    if (options.path() != null) {
      path(options.path());
    }
    return this;
  }

  /** Sets the {@code Domain} attribute; null removes it. */
  public SetCookieBuilder domain(String domain) {
    this.domain = checkAttribute("domain", domain);
    return this;
  }

  /** Sets the {@code Path} attribute (default {@code /}); null removes it. */
  public SetCookieBuilder path(String path) {
    this.path = checkAttribute("path", path);
    return this;
  }

  /** Sets the {@code Expires} attribute (written as an IMF-fixdate); null removes it. */
  public SetCookieBuilder expires(Instant expires) {
    this.expires = expires;
    return this;
  }

  /**
   * Sets {@code Max-Age} in seconds; zero or negative means "expire now" and is written as {@code
   * Max-Age=0}.
   */
  public SetCookieBuilder maxAge(long seconds) {
    this.maxAge = Math.max(0, seconds);
    return this;
  }

  /** Sets {@code Max-Age} (whole seconds); null removes it. */
  public SetCookieBuilder maxAge(Duration maxAge) {
    this.maxAge = maxAge == null ? null : Math.max(0, maxAge.toSeconds());
    return this;
  }

  /** Sets or clears the {@code Secure} flag. */
  public SetCookieBuilder secure(boolean secure) {
    this.secure = secure;
    return this;
  }

  /** Sets or clears the {@code HttpOnly} flag. */
  public SetCookieBuilder httpOnly(boolean httpOnly) {
    this.httpOnly = httpOnly;
    return this;
  }

  /** Sets the {@code SameSite} attribute; null removes it. */
  public SetCookieBuilder sameSite(SameSite sameSite) {
    this.sameSite = sameSite;
    return this;
  }

  /** Sets or clears the {@code Partitioned} flag (CHIPS); requires {@code Secure}. */
  public SetCookieBuilder partitioned(boolean partitioned) {
    this.partitioned = partitioned;
    return this;
  }

  /** The cookie name. */
  public String name() {
    return name;
  }

  /**
   * The header value, e.g. {@code sid=abc; Expires=...; HttpOnly; Path=/; SameSite=Lax; Secure}.
   *
   * @throws IllegalStateException if the attribute combination is one browsers reject
   */
  public String build() {
    if (sameSite == SameSite.NONE && !secure) {
      throw new IllegalStateException("cookie " + name + ": SameSite=None requires Secure");
    }
    if (partitioned && !secure) {
      throw new IllegalStateException("cookie " + name + ": Partitioned requires Secure");
    }
    if (name.startsWith("__Secure-") && !secure) {
      throw new IllegalStateException("cookie " + name + ": the __Secure- prefix requires Secure");
    }
    if (name.startsWith("__Host-") && (!secure || !"/".equals(path) || domain != null)) {
      throw new IllegalStateException(
          "cookie " + name + ": the __Host- prefix requires Secure, Path=/ and no Domain");
    }
    StringBuilder b = new StringBuilder(64 + value.length());
    b.append(name).append('=');
    appendValue(b, value);
    if (domain != null) {
      b.append("; Domain=").append(domain);
    }
    if (expires != null) {
      b.append("; Expires=").append(HttpDates.format(expires));
    }
    if (httpOnly) {
      b.append("; HttpOnly");
    }
    if (maxAge != null) {
      b.append("; Max-Age=").append(maxAge.longValue());
    }
    if (path != null) {
      b.append("; Path=").append(path);
    }
    if (sameSite != null) {
      b.append("; SameSite=").append(sameSite.attributeValue());
    }
    if (secure) {
      b.append("; Secure");
    }
    if (partitioned) {
      b.append("; Partitioned");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "SetCookieBuilder[" + name + "]";
  }

  /** Whether {@code c} is an RFC 6265 {@code cookie-octet}: may appear unquoted. */
  private static boolean isCookieOctet(char c) {
    return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("cookie name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!HttpChars.isTchar(c)) {
        throw new IllegalArgumentException(
            "cookie name " + printable(name) + " is not a token: " + describe(c) + " at " + i);
      }
    }
    return name;
  }

  private static String checkValue(String name, String value) {
    if (value == null) {
      throw new IllegalArgumentException("cookie " + name + ": value is null");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "cookie " + name + ": value contains " + describe(c) + " at " + i);
      }
      if (c > 0x7e) {
        throw new IllegalArgumentException(
            "cookie "
                + name
                + ": value contains non-ASCII "
                + describe(c)
                + " at "
                + i
                + "; encode it first");
      }
    }
    return value;
  }

  private String checkAttribute(String attribute, String v) {
    if (v == null) {
      return null;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == ';') {
        throw new IllegalArgumentException(
            "cookie " + name + ": " + attribute + " contains " + describe(c) + " at " + i);
      }
    }
    return v;
  }

  private static void appendValue(StringBuilder b, String v) {
    boolean plain = true;
    for (int i = 0; i < v.length() && plain; i++) {
      plain = isCookieOctet(v.charAt(i));
    }
    if (plain) {
      b.append(v);
      return;
    }
    b.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case ',' -> b.append("\\054");
        case ';' -> b.append("\\073");
        default -> b.append(c);
      }
    }
    b.append('"');
  }

  private static String describe(char c) {
    return switch (c) {
      case '\r' -> "CR";
      case '\n' -> "LF";
      case '\0' -> "NUL";
      case '\t' -> "TAB";
      case ' ' -> "space";
      default -> c < 0x20 || c >= 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
    };
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 64; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c >= 0x7f ? '?' : c);
    }
    return "\"" + b + "\"";
  }
}
