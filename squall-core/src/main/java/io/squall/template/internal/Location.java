package io.squall.template.internal;

/**
 * Where a compiled node came from: a template and line, and the chain of {@code include} and block
 * sites that brought that template's text into the one being rendered.
 */
public record Location(String template, int line, Location via) {
  /** The include/block chain, innermost first ("b.html:1, a.html:1"), or null if there is none. */
  public String viaText() {
    if (via == null) {
      return null;
    }
    StringBuilder s = new StringBuilder();
    for (Location l = via; l != null; l = l.via) {
      if (!s.isEmpty()) {
        s.append(", ");
      }
      s.append(l.template).append(':').append(l.line);
    }
    return s.toString();
  }
}
