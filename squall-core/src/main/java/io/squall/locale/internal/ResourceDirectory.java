package io.squall.locale.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Opens a directory of resources as a {@link Path}, wherever the class path put it: a folder
 * ({@code file:}), a folder inside a jar ({@code jar:}, read through the JDK's zip file system
 * without extracting anything) or a module of the runtime image ({@code jrt:}).
 */
public final class ResourceDirectory {
  private ResourceDirectory() {}

  /** What to do with the directory while it is open. */
  @FunctionalInterface
  public interface Action<T> {
    /** Reads {@code directory}. */
    T apply(Path directory) throws IOException;
  }

  /**
   * Finds {@code name} with {@code anchor.getResource} (so {@code "/i18n"} is absolute, {@code
   * "i18n"} relative to the anchor's package) and runs {@code action} on it. A zip file system
   * opened for the purpose is closed again afterwards.
   *
   * @throws IOException if there is no such resource, it is not a directory, or reading fails
   */
  public static synchronized <T> T read(Class<?> anchor, String name, Action<T> action)
      throws IOException {
    String trimmed = name;
    if (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URL url = anchor.getResource(trimmed);
    if (url == null) {
      url = anchor.getResource(trimmed + "/");
    }
    if (url == null) {
      throw new IOException(
          "no resource directory '"
              + name
              + "' next to "
              + anchor.getName()
              + " (a jar built without directory entries hides its folders)");
    }
    URI uri;
    try {
      uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("resource URL " + url + " is not a valid URI", e);
    }
    if (!"jar".equals(uri.getScheme())) {
      return onDirectory(pathOf(uri), url, action);
    }
    String spec = uri.toString();
    int bang = spec.indexOf("!/");
    String decoded = uri.getSchemeSpecificPart();
    int decodedBang = decoded.indexOf("!/");
    if (bang < 0 || decodedBang < 0) {
      throw new IOException("resource URL " + url + " names no entry inside its jar");
    }
    URI jar = URI.create(spec.substring(0, bang));
    String entry = decoded.substring(decodedBang + 1);
    FileSystem opened = null;
    FileSystem fs;
    try {
      fs = FileSystems.newFileSystem(jar, Map.of());
      opened = fs;
    } catch (FileSystemAlreadyExistsException e) {
      fs = FileSystems.getFileSystem(jar);
    }
    try {
      return onDirectory(fs.getPath(entry), url, action);
    } finally {
      if (opened != null) {
        opened.close();
      }
    }
  }

  private static Path pathOf(URI uri) throws IOException {
    try {
      return Path.of(uri);
    } catch (FileSystemNotFoundException | IllegalArgumentException e) {
      throw new IOException("cannot read resources at " + uri + ": " + e.getMessage(), e);
    }
  }

  private static <T> T onDirectory(Path dir, URL url, Action<T> action) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("resource " + url + " is not a directory");
    }
    return action.apply(dir);
  }
}
