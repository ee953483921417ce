package io.squall.web.internal;

import io.squall.escape.internal.UrlCodec;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a URL path onto a file under a static root, refusing every way out of the root (Tornado's
 * {@code StaticFileHandler.validate_absolute_path}, stricter).
 *
 * <p>The URL path is the part after the static prefix, already percent-decoded by the router,
 * relative (no leading {@code /}), with {@code /} as separator. It is refused ({@link Forbidden})
 * when it contains a control character (NUL included), a backslash, a {@code .} or {@code ..}
 * segment, a segment that still decodes to one of those or to a separator after any number of
 * further percent-decodings (so {@code %2e%2e} or {@code %252e%252e} cannot reach a later decoder),
 * a drive letter ({@code C:}), or a leading {@code /}; and, on Windows, any {@code :} or a segment
 * ending in a dot or space. Then the real path of the target (all symlinks followed) must lie
 * inside the real path of the root: a symlink pointing outside is refused too.
 *
 * <p>Directories: with a default filename configured (e.g. {@code index.html}), a directory path
 * ending in {@code /} (or the empty path, the root) resolves to that file inside it, and one
 * without the trailing slash gives {@link AddTrailingSlash} so the handler can redirect, as Tornado
 * does. (The handler must refuse to redirect a request path starting with {@code //}, which a
 * browser would read as another host.) Without a default filename directories are {@link
 * Forbidden}. A trailing slash after a regular file is {@link NotFound}. Anything that is not a
 * regular readable file is refused.
 *
 * <p>Instances are immutable and thread-safe. {@link #resolve} touches the file system (stat and
 * real-path calls): cheap on a local disk, but blocking.
 */
public final class StaticPaths {
  /** Longer URL paths are refused outright. */
  public static final int MAX_PATH_LENGTH = 4096;

  private static final boolean WINDOWS = File.separatorChar == '\\';

  private final Path root;
  private final String defaultFilename;

  /** How {@link #resolve} answered. */
  public sealed interface Resolution permits Found, NotFound, Forbidden, AddTrailingSlash {}

  /** Serve this regular file; {@code file} is its real path, inside the root. */
  public record Found(Path file) implements Resolution {}

  /** Nothing there: 404. The reason is for logs, not for the client. */
  public record NotFound(String reason) implements Resolution {}

  /** Refused: 403. The reason is for logs, not for the client. */
  public record Forbidden(String reason) implements Resolution {}

  /** A directory was named without a trailing slash: redirect to the request path plus "/". */
  public record AddTrailingSlash() implements Resolution {}

  /**
   * @param root the static directory; its real path is taken now
   * @param defaultFilename file served for a directory (e.g. {@code index.html}), or null to refuse
   *     directories
   * @throws IOException if the root does not exist or is not a directory
   * @throws IllegalArgumentException if the default filename is not a plain file name
   */
  public StaticPaths(Path root, String defaultFilename) throws IOException {
    Path real = root.toRealPath();
    if (!Files.isDirectory(real)) {
      throw new NotDirectoryException(root.toString());
    }
    if (defaultFilename != null
        && (defaultFilename.isEmpty()
            || defaultFilename.equals(".")
            || defaultFilename.equals("..")
            || defaultFilename.indexOf('/') >= 0
            || defaultFilename.indexOf('\\') >= 0
            || defaultFilename.indexOf('\0') >= 0)) {
      throw new IllegalArgumentException("default filename must be a plain file name");
    }
    this.root = real;
    this.defaultFilename = defaultFilename;
  }

  /** The real path of the static root. */
  public Path root() {
    return root;
  }

  /** The file served for directories, or null. */
  public String defaultFilename() {
    return defaultFilename;
  }

  /** Resolves {@code urlPath} (relative to the root, {@code /}-separated); never throws. */
  public Resolution resolve(String urlPath) {
    String path = urlPath == null ? "" : urlPath;
    if (path.length() > MAX_PATH_LENGTH) {
      return new Forbidden("path too long");
    }
    if (path.startsWith("/")) {
      return new Forbidden("absolute path");
    }
    List<String> segments = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (i > start) {
          String segment = path.substring(start, i);
          String problem = checkSegment(segment);
          if (problem != null) {
            return new Forbidden(problem);
          }
          segments.add(segment);
        }
        start = i + 1;
      }
    }
    boolean trailingSlash = path.endsWith("/");

    Path candidate = root;
    try {
      for (String segment : segments) {
        candidate = candidate.resolve(segment);
      }
    } catch (InvalidPathException e) {
      return new NotFound("not a valid file name here: " + e.getMessage());
    }
    if (!candidate.normalize().startsWith(root)) {
      return new Forbidden("outside the static root"); // unreachable after checkSegment
    }
    Resolution found = realFile(candidate);
    if (!(found instanceof Found(Path real))) {
      return found;
    }
    if (Files.isDirectory(real)) {
      if (defaultFilename == null) {
        return new Forbidden("is a directory");
      }
      if (!trailingSlash && !segments.isEmpty()) {
        return new AddTrailingSlash();
      }
      found = realFile(real.resolve(defaultFilename));
      if (!(found instanceof Found(Path index))) {
        return found;
      }
      real = index;
    } else if (trailingSlash) {
      return new NotFound("not a directory");
    }
    if (!Files.isRegularFile(real)) {
      return new Forbidden("not a regular file");
    }
    if (!Files.isReadable(real)) {
      return new Forbidden("not readable");
    }
    return new Found(real);
  }

  /** Real path of {@code p} if it exists inside the root (as Found), else the refusal. */
  private Resolution realFile(Path p) {
    Path real;
    try {
      real = p.toRealPath();
    } catch (NoSuchFileException | NotDirectoryException e) {
      return new NotFound("no such file");
    } catch (AccessDeniedException e) {
      return new Forbidden("access denied");
    } catch (IOException | SecurityException e) {
      return new NotFound("cannot access: " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      return new Forbidden("real path (symlink target) is outside the static root");
    }
    return new Found(real);
  }

  /** Why a path segment is refused, or null if it is acceptable. */
  private static String checkSegment(String segment) {
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "control character in path";
      }
      if (c == '\\') {
        return "backslash in path";
      }
      if (WINDOWS && c == ':') {
        return "colon in path";
      }
    }
    if (segment.equals(".") || segment.equals("..")) {
      return "dot segment in path";
    }
    if (isDriveLetter(segment)) {
      return "drive letter in path";
    }
    if (WINDOWS && (segment.endsWith(".") || segment.endsWith(" "))) {
      return "trailing dot or space in path";
    }
    // Whatever a later layer might decode must not turn into a traversal either.
    String decoded = segment;
    while (decoded.indexOf('%') >= 0) {
      String next = UrlCodec.decodeToString(decoded, StandardCharsets.UTF_8, false);
      if (next.equals(decoded)) {
        break;
      }
      decoded = next;
      if (decoded.equals(".") || decoded.equals("..")) {
        return "encoded dot segment in path";
      }
      for (int i = 0; i < decoded.length(); i++) {
        char c = decoded.charAt(i);
        if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
          return "encoded separator or control character in path";
        }
      }
      if (isDriveLetter(decoded)) {
        return "encoded drive letter in path";
      }
    }
    return null;
  }

  private static boolean isDriveLetter(String s) {
    if (s.length() < 2 || s.charAt(1) != ':') {
      return false;
    }
    char c = s.charAt(0);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
