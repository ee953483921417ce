package io.squall.demos.blog;

/**
 * Who is logged in, as the signed session cookie says: {@code "<id>|<name>"}.
 *
 * @param id the author's id
 * @param name the author's name
 */
public record SessionUser(long id, String name) {
  /** The cookie value. */
  String encode() {
    return id + "|" + name;
  }

  /** The user of a verified cookie value, or null when it is not one this class wrote. */
  static SessionUser decode(String value) {
    if (value == null) {
      return null;
    }
    int bar = value.indexOf('|');
    if (bar <= 0) {
      return null;
    }
    try {
      return new SessionUser(Long.parseLong(value.substring(0, bar)), value.substring(bar + 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
