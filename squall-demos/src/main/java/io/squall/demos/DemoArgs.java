package io.squall.demos;

/** Command-line helpers shared by the demos' main methods. */
public final class DemoArgs {
  private DemoArgs() {}

  /** The value of {@code --port=N} or {@code --port N}, else {@code fallback}. */
  public static int port(String[] args, int fallback) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = null;
      if (a.startsWith("--port=")) {
        v = a.substring("--port=".length());
      } else if (a.equals("--port") && i + 1 < args.length) {
        v = args[i + 1];
      }
      if (v != null) {
        try {
          int p = Integer.parseInt(v);
          if (p < 0 || p > 65535) {
            throw new NumberFormatException();
          }
          return p;
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--port wants a number from 0 to 65535, got " + v);
        }
      }
    }
    return fallback;
  }
}
