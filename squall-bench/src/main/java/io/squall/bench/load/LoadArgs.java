package io.squall.bench.load;

/** The command line of a load server: {@code PORT [LOOPS]}. */
record LoadArgs(int port, int loops) {

  static LoadArgs parse(String name, String[] args) {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: " + name + " PORT [LOOPS]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    if (loops < 1) {
      throw new IllegalArgumentException("LOOPS must be at least 1: " + loops);
    }
    return new LoadArgs(port, loops);
  }

  /** Tells run.sh (and a person) that the server is up. */
  void announce(String name) {
    System.out.println(name + " serving on 127.0.0.1:" + port + " with " + loops + " loop(s)");
  }
}
