package io.squall.escape;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Options for {@link Escape#linkify(String, LinkifyOptions)}, Tornado's keyword arguments to {@code
 * linkify}. Start from {@link #defaults()} and change what you need:
 *
 * <pre>{@code
 * Escape.linkify(text, LinkifyOptions.defaults().shorten(true).extraParams("rel=\"nofollow\""))
 * }</pre>
 *
 * @param shorten shorten long URLs for display (the full URL stays in {@code href} and {@code
 *     title})
 * @param extraParams returns extra attribute text for the {@code <a>} tag, given the link's {@code
 *     href}; blank for none
 * @param requireProtocol only link URLs that carry a protocol, not bare {@code www.} hosts
 * @param permittedProtocols the protocols that are linked; never add {@code javascript}
 */
public record LinkifyOptions(
    boolean shorten,
    Function<String, String> extraParams,
    boolean requireProtocol,
    Set<String> permittedProtocols) {

  private static final LinkifyOptions DEFAULTS =
      new LinkifyOptions(false, href -> "", false, Set.of("http", "https"));

  /** Validates and copies the arguments. */
  public LinkifyOptions {
    Objects.requireNonNull(extraParams, "extraParams");
    permittedProtocols = Set.copyOf(permittedProtocols);
  }

  /** No shortening, no extra parameters, {@code www.} links allowed, http and https only. */
  public static LinkifyOptions defaults() {
    return DEFAULTS;
  }

  /** Returns a copy with {@code shorten} set. */
  public LinkifyOptions shorten(boolean value) {
    return new LinkifyOptions(value, extraParams, requireProtocol, permittedProtocols);
  }

  /**
   * Returns a copy that adds the same attribute text to every link, e.g. {@code rel="nofollow"}.
   */
  public LinkifyOptions extraParams(String value) {
    String text = value == null ? "" : value;
    return extraParams(href -> text);
  }

  /** Returns a copy that computes the attribute text from each link's {@code href}. */
  public LinkifyOptions extraParams(Function<String, String> value) {
    return new LinkifyOptions(shorten, value, requireProtocol, permittedProtocols);
  }

  /** Returns a copy with {@code requireProtocol} set. */
  public LinkifyOptions requireProtocol(boolean value) {
    return new LinkifyOptions(shorten, extraParams, value, permittedProtocols);
  }

  /** Returns a copy that links only the given protocols. */
  public LinkifyOptions permittedProtocols(String... protocols) {
    return new LinkifyOptions(
        shorten, extraParams, requireProtocol, Set.copyOf(List.of(protocols)));
  }
}
