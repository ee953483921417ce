package io.squall.web;

import io.squall.http.HttpDates;
import io.squall.web.internal.ByteRange;
import io.squall.web.internal.ContentTypes;
import io.squall.web.internal.StaticPaths;
import io.squall.web.internal.StaticVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves files from a folder (Tornado's {@code StaticFileHandler}); the {@code staticPath} setting
 * routes it under {@code staticUrlPrefix}. Route it yourself with one group for the path:
 *
 * <pre>{@code route("/files/(.*)", () -> new StaticFileHandler(Path.of("/var/www")))}</pre>
 *
 * <p>Answers with {@code Etag} (the content hash) and {@code Last-Modified}, 304 for a matching
 * {@code If-None-Match} or a fresh {@code If-Modified-Since}, one byte range ({@code bytes=a-b},
 * {@code a-}, {@code -n}) with 206 or 416, the content type by extension, and long cache headers
 * for URLs made by {@code staticUrl} (they carry {@code ?v=hash}). Nothing outside the folder can
 * be reached: {@code ..}, encoded dots, absolute paths, backslashes and symlinks that lead out are
 * refused. Bodies go out with zero-copy {@code FileChannel.transferTo}.
 *
 * <p>Reading file attributes is a blocking call on the loop; for a local disk this is short.
 *
 * <p>Subclasses change where content comes from or which headers go out through Tornado's extension
 * points: {@link #parseUrlPath}, {@link #getAbsolutePath}, {@link #validateAbsolutePath}, {@link
 * #getContent}, {@link #getContentVersion}, {@link #getContentSize}, {@link #getModifiedTime},
 * {@link #getContentType}, {@link #getCacheTime}, {@link #setExtraHeaders}, {@link #setHeaders} and
 * {@link #shouldReturn304}.
 */
public class StaticFileHandler extends RequestHandler {
  /** Cache lifetime for versioned URLs: ten years, as Tornado. */
  public static final Duration CACHE_MAX_AGE = Duration.ofDays(3650);

  private static final Map<String, Object[]> SHARED = new ConcurrentHashMap<>();

  private static final int CHUNK = 64 * 1024;

  private final StaticPaths paths;
  private final StaticVersions versions;
  private String path;
  private Path absolutePath;
  private Instant modified;

  /** Serves files under {@code root}; directories get 403. */
  public StaticFileHandler(Path root) {
    this(root, null);
  }

  /** Serves files under {@code root}; a directory serves its {@code defaultFilename}. */
  public StaticFileHandler(Path root, String defaultFilename) {
    Object[] shared =
        SHARED.computeIfAbsent(
            root.toAbsolutePath() + "\u0000" + defaultFilename,
            k -> {
              try {
                StaticPaths p = new StaticPaths(root, defaultFilename);
                return new Object[] {p, new StaticVersions(p)};
              } catch (IOException e) {
                throw new UncheckedIOException("static root is not a readable folder: " + root, e);
              }
            });
    this.paths = (StaticPaths) shared[0];
    this.versions = (StaticVersions) shared[1];
  }

  StaticFileHandler(StaticPaths paths, StaticVersions versions) {
    this.paths = paths;
    this.versions = versions;
  }

  /** Serves the file at {@code path} (relative to the root). */
  public CompletableFuture<Void> get(String path) {
    return serve(path == null ? "" : path, true);
  }

  /** As {@link #get(String)} without the body. */
  public CompletableFuture<Void> head(String path) {
    return serve(path == null ? "" : path, false);
  }

  /**
   * Tornado's {@code get(path, include_body)}: {@link #parseUrlPath}, {@link #getAbsolutePath},
   * {@link #validateAbsolutePath}, {@link #getModifiedTime}, {@link #setHeaders}, {@link
   * #shouldReturn304}, {@link #getContentSize}, the {@code Range} header, then {@link #getContent}.
   */
  private CompletableFuture<Void> serve(String urlPath, boolean includeBody) {
    this.path = parseUrlPath(urlPath);
    Path abs;
    try {
      abs = getAbsolutePath(paths.root(), this.path);
    } catch (InvalidPathException e) {
      throw new HttpError(403, "static path refused: %s", e.getMessage());
    }
    Path valid = validateAbsolutePath(paths.root(), abs);
    if (valid == null) {
      return CompletableFuture.completedFuture(null); // answered (a redirect)
    }
    this.absolutePath = valid;
    this.modified = getModifiedTime();
    setHeaders();
    if (shouldReturn304()) {
      setStatus(304);
      return CompletableFuture.completedFuture(null);
    }
    long size = getContentSize();
    long start = 0;
    long length = size;
    String range = request().headers().get("Range");
    if (range != null) {
      ByteRange.Result result = ByteRange.parse(range, size);
      if (result instanceof ByteRange.Unsatisfiable u) {
        setStatus(416);
        setHeader("Content-Type", "text/plain");
        setHeader("Content-Range", u.contentRange());
        return CompletableFuture.completedFuture(null);
      }
      if (result instanceof ByteRange.Partial p) {
        setStatus(206);
        setHeader("Content-Range", p.contentRange());
        start = p.start();
        length = p.length();
      }
    }
    setHeader("Content-Length", Long.toString(length));
    disableTransforms();
    if (!includeBody || length == 0) {
      return CompletableFuture.completedFuture(null);
    }
    ReadableByteChannel content;
    try {
      content = getContent(valid, start, start + length);
    } catch (IOException e) {
      throw new HttpError(404, "cannot open static file: %s", e.getMessage());
    }
    CompletableFuture<Void> sent =
        content instanceof FileChannel fc
            ? writeFileRegion(fc, start, length)
            : copy(content, length, ByteBuffer.allocate((int) Math.min(length, CHUNK)));
    return sent.whenComplete(
        (v, e) -> {
          try {
            content.close();
          } catch (IOException ignored) {
            // nothing to do
          }
        });
  }

  /**
   * Sends {@code remaining} bytes from a channel that is not a file, a chunk per flush. Goes on in
   * a loop while each flush completes at once (the socket took the chunk), and only waits, without
   * nesting, on one that did not: a chain of callbacks would grow the stack by a chunk each.
   */
  private CompletableFuture<Void> copy(ReadableByteChannel in, long remaining, ByteBuffer buf) {
    long left = remaining;
    while (left > 0) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), left));
      int n;
      try {
        n = in.read(buf);
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
      if (n < 0) {
        return CompletableFuture.failedFuture(
            new IOException("static content ended " + left + " bytes early"));
      }
      byte[] chunk = new byte[n];
      buf.flip().get(chunk);
      write(chunk);
      left -= n;
      CompletableFuture<Void> flushed = flush();
      if (!flushed.isDone() || flushed.isCompletedExceptionally()) {
        long rest = left;
        return flushed.thenCompose(v -> copy(in, rest, buf));
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  // ------------------------------------------------------------------------------------------
  // Extension points (Tornado's names): override to serve from somewhere else or to change headers

  /**
   * Turns the route's group into the path handed to {@link #getAbsolutePath} (Tornado's {@code
   * parse_url_path}). The default keeps it: a {@code /}-separated path, checked segment by segment
   * in {@link #validateAbsolutePath}.
   */
  protected String parseUrlPath(String urlPath) {
    return urlPath;
  }

  /**
   * The file {@code path} names under {@code root} (Tornado's {@code get_absolute_path}), not yet
   * checked: {@link #validateAbsolutePath} decides whether it may be served. The default resolves
   * it against the root without normalizing, so dot segments stay visible to the check.
   *
   * @param root the real path of the folder this handler serves
   * @throws InvalidPathException for a path the file system cannot name (answered 403)
   */
  protected Path getAbsolutePath(Path root, String path) {
    return root.resolve(path);
  }

  /**
   * Checks {@code absolutePath} and returns the file to serve, or null when this method already
   * answered (Tornado's {@code validate_absolute_path}). The default refuses with 403 anything
   * outside {@code root} (dot segments, encoded dots, backslashes, control characters, symlinks
   * leading out), directories without a default file name and unreadable files; answers 404 for a
   * missing file; for a directory named without a trailing slash, redirects to the path with one
   * and returns null. The result is the file's real path.
   *
   * @throws HttpError 403 or 404 as above
   */
  protected Path validateAbsolutePath(Path root, Path absolutePath) {
    if (!absolutePath.startsWith(root)) {
      throw new HttpError(403, "static path refused: %s", "outside the static root");
    }
    // the names below the root as they are (not normalized), so the check sees every dot segment
    String rel =
        absolutePath.getNameCount() == root.getNameCount()
            ? ""
            : absolutePath.subpath(root.getNameCount(), absolutePath.getNameCount()).toString();
    if (request().path().endsWith("/") && !rel.isEmpty()) {
      rel = rel + "/";
    }
    switch (paths.resolve(rel)) {
      case StaticPaths.NotFound nf ->
          throw new HttpError(404, "static file not found: %s", nf.reason());
      case StaticPaths.Forbidden f ->
          throw new HttpError(403, "static path refused: %s", f.reason());
      case StaticPaths.AddTrailingSlash a -> {
        String uri = request().path() + "/";
        redirect(request().query().isEmpty() ? uri : uri + "?" + request().query(), true);
        return null;
      }
      case StaticPaths.Found found -> {
        return found.file();
      }
    }
  }

  /**
   * The body bytes {@code [start, end)} of {@code absolutePath} (Tornado's {@code get_content}).
   * The default opens the file, positioned at {@code start}; a {@link FileChannel} goes out with
   * zero-copy transfer, any other channel is read in 64 KiB chunks on the loop (keep such reads
   * short, or serve from memory). The handler closes the channel.
   */
  protected ReadableByteChannel getContent(Path absolutePath, long start, long end)
      throws IOException {
    FileChannel channel = FileChannel.open(absolutePath, StandardOpenOption.READ);
    channel.position(start);
    return channel;
  }

  /**
   * The version string of a file, for the ETag and for {@code ?v=} in static URLs (Tornado's {@code
   * get_content_version}). The default is a hash of the content (SHA-256, first 32 hex digits),
   * cached while size and modification time stay the same; null when the file cannot be read.
   */
  protected String getContentVersion(Path absolutePath) {
    return versions.version(absolutePath);
  }

  /** The size of the file being served, in bytes (Tornado's {@code get_content_size}). */
  protected long getContentSize() {
    try {
      return Files.size(absolutePath);
    } catch (IOException e) {
      throw new HttpError(404, "cannot read static file: %s", e.getMessage());
    }
  }

  /**
   * The modification time of the file being served, whole seconds, or null for none (Tornado's
   * {@code get_modified_time}); it sets {@code Last-Modified} and answers {@code
   * If-Modified-Since}.
   */
  protected Instant getModifiedTime() {
    try {
      FileTime t = Files.getLastModifiedTime(absolutePath);
      return Instant.ofEpochSecond(t.toInstant().getEpochSecond());
    } catch (IOException e) {
      throw new HttpError(404, "cannot read static file: %s", e.getMessage());
    }
  }

  /** The {@code Content-Type} of the file being served, by extension (Tornado's name). */
  protected String getContentType() {
    return ContentTypes.forPath(absolutePath);
  }

  /**
   * How long a client may cache the response (Tornado's {@code get_cache_time}): {@link
   * #CACHE_MAX_AGE} for a versioned URL (one with {@code ?v=}), else zero (no cache headers).
   *
   * @param path the path as {@link #parseUrlPath} gave it
   * @param modified the file's modification time, or null
   * @param mimeType the content type
   */
  protected Duration getCacheTime(String path, Instant modified, String mimeType) {
    return request().queryArguments().containsKey("v") ? CACHE_MAX_AGE : Duration.ZERO;
  }

  /** Adds headers of your own to every file response (Tornado's {@code set_extra_headers}). */
  protected void setExtraHeaders(String path) {}

  /**
   * Sets the response headers (Tornado's {@code set_headers}): {@code Accept-Ranges}, {@code Etag}
   * from {@link #computeEtag}, {@code Last-Modified}, {@code Content-Type}, {@code Cache-Control}
   * and {@code Expires} from {@link #getCacheTime}, then {@link #setExtraHeaders}.
   */
  protected void setHeaders() {
    setHeader("Accept-Ranges", "bytes");
    setEtagHeader();
    if (modified != null) {
      setHeader("Last-Modified", HttpDates.format(modified));
    }
    String type = getContentType();
    if (type != null) {
      setHeader("Content-Type", type);
    }
    Duration cache = getCacheTime(path, modified, type);
    if (cache.isPositive()) {
      setHeader("Expires", HttpDates.format(Instant.now().plus(cache)));
      setHeader("Cache-Control", "max-age=" + cache.toSeconds());
    }
    setExtraHeaders(path);
  }

  /**
   * Whether to answer 304 (Tornado's {@code should_return_304}): {@code If-None-Match} decides when
   * present (against the ETag), else a fresh {@code If-Modified-Since}.
   */
  protected boolean shouldReturn304() {
    String inm = request().headers().get("If-None-Match");
    if (inm != null) {
      return checkEtagHeader();
    }
    String ims = request().headers().get("If-Modified-Since");
    if (ims != null && modified != null) {
      Optional<Instant> since = HttpDates.parse(ims);
      return since.isPresent() && !modified.isAfter(since.get());
    }
    return false;
  }

  /**
   * The static URL of {@code path} (Tornado's {@code make_static_url}): the application's {@code
   * staticUrlPrefix} and the path, with {@code ?v=} and {@link #getVersion} when {@code
   * includeVersion} and the file has a version. ({@link Application#staticUrl} makes the same URL
   * for the {@code staticPath} folder.)
   */
  public String makeStaticUrl(String path, boolean includeVersion) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    String url = application().prefix() + settings().staticUrlPrefix() + p;
    if (!includeVersion) {
      return url;
    }
    String v = getVersion(p);
    return v == null ? url : url + "?v=" + v;
  }

  /**
   * The version of the file at {@code path} under this handler's folder, or null when there is none
   * (Tornado's {@code get_version}): {@link #getContentVersion} of the checked file.
   */
  public String getVersion(String path) {
    return paths.resolve(path) instanceof StaticPaths.Found(Path file)
        ? getContentVersion(file)
        : null;
  }

  /** The path being served, as {@link #parseUrlPath} gave it; null before. */
  protected final String path() {
    return path;
  }

  /** The checked file being served ({@link #validateAbsolutePath}'s result); null before. */
  protected final Path absolutePath() {
    return absolutePath;
  }

  /** The ETag of the file being served: its quoted {@link #getContentVersion}, or none. */
  @Override
  public String computeEtag() {
    if (absolutePath == null) {
      return null; // an error page: no ETag
    }
    String v = getContentVersion(absolutePath);
    return v == null ? null : "\"" + v + "\"";
  }
}
