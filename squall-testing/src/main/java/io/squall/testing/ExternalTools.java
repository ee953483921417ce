package io.squall.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the programs and services outside the JVM that some tests drive (curl, Chromium, msgfmt,
 * Python modules, PostgreSQL ...).
 *
 * <p>Outside CI a missing tool skips the test with a message that says what to install. In CI
 * ({@code SQUALL_CI=1}, which {@code .ci/run} sets after installing everything) a missing tool
 * fails the test instead, so nothing is skipped silently there.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** True when running under {@code .ci/run}, where every external tool must be present. */
  public static boolean inCi() {
    return "1".equals(System.getenv("SQUALL_CI"));
  }

  /**
   * Returns the path of {@code command} found on {@code PATH} (or as given, if absolute); skips the
   * test outside CI, fails it in CI, when it is absent.
   *
   * @param command a program name such as {@code "curl"} or an absolute path
   * @param debianPackage the Debian package that provides it, named in the message
   * @return the executable's path
   */
  public static Path require(String command, String debianPackage) {
    Path found = find(command);
    if (found == null) {
      missing(command + " is not installed (Debian package " + debianPackage + ")");
    }
    return found;
  }

  /**
   * Requires that {@code python3 -c "import module"} succeeds.
   *
   * @param module the Python module, e.g. {@code "tornado"}
   * @param debianPackage the Debian package that provides it
   */
  public static void requirePythonModule(String module, String debianPackage) {
    Path python = python();
    boolean ok;
    try {
      Process p =
          new ProcessBuilder(python.toString(), "-c", "import " + module)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
      p.destroyForcibly();
    } catch (IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    if (!ok) {
      missing(
          "the Python module "
              + module
              + " is not importable (Debian package "
              + debianPackage
              + ")");
    }
  }

  /**
   * Returns Debian's Python ({@code /usr/bin/python3}, where Debian's {@code python3-*} packages
   * install their modules) when it exists, else {@code python3} from {@code PATH}; skips outside CI
   * and fails in CI when there is neither.
   *
   * @return the interpreter's path
   */
  public static Path python() {
    Path debian = Path.of("/usr/bin/python3");
    return Files.isExecutable(debian) ? debian : require("python3", "python3");
  }

  /**
   * Returns the value of an environment variable that names a service (a database URL, say); skips
   * outside CI and fails in CI when it is unset or empty.
   *
   * @param name the variable
   * @param what what the variable is for, named in the message
   * @return its value
   */
  public static String requireEnv(String name, String what) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      missing(name + " is not set (" + what + "; .ci/run sets it)");
    }
    return value;
  }

  /**
   * Returns the executable's path, or null when it is not on {@code PATH}.
   *
   * @param command a program name or an absolute path
   * @return the path or null
   */
  public static Path find(String command) {
    if (command.indexOf('/') >= 0) {
      Path p = Path.of(command);
      return Files.isExecutable(p) ? p : null;
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static void missing(String why) {
    if (inCi()) {
      throw new AssertionError("CI must provide this: " + why);
    }
    Assumptions.abort(why + "; skipped outside CI (.ci/run installs it)");
  }
}
