package io.squall.web;

import io.squall.http.HttpDates;
import io.squall.web.internal.ByteRange;
import io.squall.web.internal.ContentTypes;
import io.squall.web.internal.StaticPaths;
import io.squall.web.internal.StaticVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
 */
public class StaticFileHandler extends RequestHandler {
  /** Cache lifetime for versioned URLs: ten years, as Tornado. */
  public static final Duration CACHE_MAX_AGE = Duration.ofDays(3650);

  private static final Map<String, Object[]> SHARED = new ConcurrentHashMap<>();

  private final StaticPaths paths;
  private final StaticVersions versions;

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

  private CompletableFuture<Void> serve(String path, boolean includeBody) {
    StaticPaths.Resolution r = paths.resolve(path);
    switch (r) {
      case StaticPaths.NotFound nf ->
          throw new HttpError(404, "static file not found: %s", nf.reason());
      case StaticPaths.Forbidden f ->
          throw new HttpError(403, "static path refused: %s", f.reason());
      case StaticPaths.AddTrailingSlash a -> {
        String uri = request().path() + "/";
        redirect(request().query().isEmpty() ? uri : uri + "?" + request().query(), true);
        return CompletableFuture.completedFuture(null);
      }
      case StaticPaths.Found found -> {
        return send(found.file(), includeBody);
      }
    }
  }

  private CompletableFuture<Void> send(Path file, boolean includeBody) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new HttpError(404, "cannot read static file: %s", e.getMessage());
    }
    long size = attrs.size();
    Instant modified = Instant.ofEpochSecond(attrs.lastModifiedTime().toInstant().getEpochSecond());
    String version = versions.version(file);
    setHeader("Accept-Ranges", "bytes");
    setHeader("Last-Modified", HttpDates.format(modified));
    if (version != null) {
      setHeader("Etag", "\"" + version + "\"");
    }
    setHeader("Content-Type", ContentTypes.forPath(file));
    if (request().queryArguments().containsKey("v")) {
      setHeader("Cache-Control", "max-age=" + CACHE_MAX_AGE.toSeconds());
      setHeader("Expires", HttpDates.format(Instant.now().plus(CACHE_MAX_AGE)));
    }
    if (notModified(modified)) {
      setStatus(304);
      return CompletableFuture.completedFuture(null);
    }
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
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new HttpError(404, "cannot open static file: %s", e.getMessage());
    }
    CompletableFuture<Void> sent = writeFileRegion(channel, start, length);
    return sent.whenComplete(
        (v, e) -> {
          try {
            channel.close();
          } catch (IOException ignored) {
            // nothing to do
          }
        });
  }

  /**
   * Whether the client's copy is fresh: {@code If-None-Match} first, else {@code
   * If-Modified-Since}.
   */
  private boolean notModified(Instant modified) {
    String inm = request().headers().get("If-None-Match");
    if (inm != null) {
      return checkEtagHeader();
    }
    String ims = request().headers().get("If-Modified-Since");
    if (ims != null) {
      Optional<Instant> since = HttpDates.parse(ims);
      return since.isPresent() && !modified.isAfter(since.get());
    }
    return false;
  }

  /** Static files have their own ETag (the content hash); the buffered body has none. */
  @Override
  public String computeEtag() {
    return null;
  }
}
