package io.squall.bench.load;

import java.nio.file.Path;

/**
 * The command line of a load server: {@code PORT [LOOPS [STATIC_DIR]]}. Without a static directory
 * the server writes the 64 KiB file into a temporary one ({@link Payloads#staticDir}).
 */
record LoadArgs(int port, int loops, Path staticDir) {

  static LoadArgs parse(String name, String[] args) {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: " + name + " PORT [LOOPS [STATIC_DIR]]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    if (loops < 1) {
      throw new IllegalArgumentException("LOOPS must be at least 1: " + loops);
    }
    Path dir = Payloads.staticDir(args.length > 2 ? Path.of(args[2]) : null);
    return new LoadArgs(port, loops, dir);
  }

  /** The 64 KiB file of the static scenario. */
  Path staticFile() {
    return staticDir.resolve(Payloads.STATIC_NAME);
  }

  /** Tells run.sh (and a person) that the server is up. */
  void announce(String name) {
    System.out.println(name + " serving on 127.0.0.1:" + port + " with " + loops + " loop(s)");
  }
}
