package io.squall.escape.internal;

import io.squall.escape.Escape;
import io.squall.escape.LinkifyOptions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tornado's {@code linkify}: finds URLs in already-escaped text and wraps them in links. */
public final class Linkifier {
  /*
   * A URL is "proto:/..." or "www."; its body is runs of characters that are not space, '&' or
   * parentheses (the entities &amp; and &quot; are allowed, since the text is escaped first), each
   * ending in a character that is not punctuation, or a balanced parenthesized run. Ending on a
   * non-punctuation character keeps trailing dots and commas out of the link; the shape avoids
   * the exponential backtracking of the classic URL patterns.
   */
  private static final Pattern URL =
      Pattern.compile(
          "\\b((?:([\\w-]+):(/{1,3})|www[.])"
              + "(?:(?:(?:[^\\s&()]|&amp;|&quot;)*(?:[^!\"#$%&'()*+,.:;<=>?@\\[\\]^`{|}~\\s]))"
              + "|(?:\\((?:[^\\s&()]|&amp;|&quot;)*\\)))+)",
          Pattern.UNICODE_CHARACTER_CLASS);

  private static final int MAX_LEN = 30;

  private Linkifier() {}

  /** Escapes {@code text} as HTML and links the URLs in it. */
  public static String linkify(String text, LinkifyOptions options) {
    String escaped = Escape.xhtmlEscape(text);
    Matcher m = URL.matcher(escaped);
    if (!m.find()) {
      return escaped;
    }
    StringBuilder out = new StringBuilder(escaped.length() + 64);
    int last = 0;
    do {
      out.append(escaped, last, m.start());
      appendLink(m, options, out);
      last = m.end();
    } while (m.find());
    out.append(escaped, last, escaped.length());
    return out.toString();
  }

  private static void appendLink(Matcher m, LinkifyOptions options, StringBuilder out) {
    String url = m.group(1);
    String proto = m.group(2);
    if ((options.requireProtocol() && proto == null)
        || (proto != null && !options.permittedProtocols().contains(proto))) {
      out.append(url);
      return;
    }
    String href = proto == null ? "http://" + url : url;
    String extra = options.extraParams().apply(href);
    String params = extra == null || extra.isBlank() ? "" : " " + extra.strip();

    if (options.shorten() && url.length() > MAX_LEN) {
      String beforeClip = url;
      int protoLen = proto == null ? 0 : proto.length() + 1 + m.group(3).length();
      String[] parts = url.substring(protoLen).split("/", -1);
      if (parts.length > 1) {
        // Keep the host and a little of the path: enough to hint at where the link goes.
        String first = parts[1].substring(0, Math.min(8, parts[1].length()));
        first = first.split("\\?", -1)[0].split("\\.", -1)[0];
        url = url.substring(0, protoLen) + parts[0] + "/" + first;
      }
      if (url.length() > MAX_LEN * 1.5) {
        url = url.substring(0, MAX_LEN);
      }
      if (!url.equals(beforeClip)) {
        int amp = url.lastIndexOf('&');
        if (amp > MAX_LEN - 5) {
          url = url.substring(0, amp); // do not cut an entity in half
        }
        url += "...";
        if (url.length() >= beforeClip.length()) {
          url = beforeClip;
        } else {
          params += " title=\"" + href + "\"";
        }
      }
    }
    out.append("<a href=\"").append(href).append('"').append(params).append('>');
    out.append(url).append("</a>");
  }
}
