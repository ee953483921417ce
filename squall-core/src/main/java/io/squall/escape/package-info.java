/**
 * HTML, URL and JSON escaping and a few string helpers (Tornado's {@code tornado.escape}).
 *
 * <p>{@link io.squall.escape.Escape} holds the functions templates and handlers use: {@code
 * xhtmlEscape}, {@code urlEscape}, {@code jsonEncode}, {@code squeeze}, {@code linkify} and the
 * UTF-8 helpers. {@link io.squall.escape.Json} owns the one shared Jackson {@code ObjectMapper}.
 *
 * <p>Differences from Tornado worth knowing: {@code xhtmlEscape(null)} returns an empty string
 * instead of failing; {@code xhtmlUnescape} knows the numeric references and the HTML 4 named
 * entities (plus {@code &apos;}), each with its semicolon, not HTML 5's full table of 2,231 names.
 *
 * <p>Layer 1, the lowest: uses only the JDK and Jackson. Every other layer may use it.
 */
package io.squall.escape;
