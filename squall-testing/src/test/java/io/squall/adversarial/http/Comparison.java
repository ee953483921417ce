package io.squall.adversarial.http;

import java.util.List;

/** How Squall's outcome for one input compares with another parser's. */
enum Comparison {
  /** The same messages. */
  AGREE,
  /** Squall accepted a prefix of what the other accepted: it refused (or waited) earlier. */
  SQUALL_STRICTER,
  /** The other accepted a prefix of what Squall accepted: Squall is the more lenient. */
  SQUALL_LAXER,
  /** The other closes after a message (not keep-alive) after which Squall reads on. */
  KEEP_ALIVE,
  /** Both accepted a message at the same place but not the same one (body, target, boundary). */
  MISMATCH;

  static Comparison of(Outcome squall, Outcome other) {
    List<Outcome.Message> s = squall.messages();
    List<Outcome.Message> o = other.messages();
    int p = 0;
    while (p < s.size() && p < o.size() && s.get(p).equals(o.get(p))) {
      p++;
    }
    if (p == s.size() && p == o.size()) {
      return AGREE;
    }
    if (p == s.size()) {
      return SQUALL_STRICTER;
    }
    if (p == o.size()) {
      return other.closedAfterLast() ? KEEP_ALIVE : SQUALL_LAXER;
    }
    return MISMATCH;
  }

  /** Whether this comparison needs an RFC rule to settle it. */
  boolean needsSettling() {
    return this == SQUALL_LAXER || this == MISMATCH || this == KEEP_ALIVE;
  }
}
