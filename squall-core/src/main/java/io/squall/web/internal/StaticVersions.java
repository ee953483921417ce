package io.squall.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Content versions of static files for cache-busting URLs ({@code /static/app.css?v=...}, Tornado's
 * {@code static_url}) and static ETags: the first {@value #HASH_HEX_CHARS} hex digits (128 bits) of
 * the SHA-256 of the file's bytes. (Tornado uses a SHA-512 hex digest; any stable content hash
 * serves.)
 *
 * <p>Hashes are cached per file together with its size and modification time, which are checked
 * (one stat) on every lookup: a file that changes gets a new version without a restart. Files are
 * resolved through {@link StaticPaths}, so a version is never computed for anything outside the
 * static root; a missing or refused file has no version. Thread-safe; lookups of an uncached file
 * read it whole (blocking).
 */
public final class StaticVersions {
  /** Length of a version string. */
  public static final int HASH_HEX_CHARS = 32;

  private record Entry(long size, FileTime modified, String hash) {}

  private final StaticPaths paths;
  private final ConcurrentHashMap<Path, Entry> cache = new ConcurrentHashMap<>();

  /** Versions for files under {@code paths}' root. */
  public StaticVersions(StaticPaths paths) {
    this.paths = paths;
  }

  /**
   * The version of the file at {@code relativePath} (as for {@link StaticPaths#resolve}), or null
   * if it cannot be resolved or read.
   */
  public String version(String relativePath) {
    if (paths.resolve(relativePath) instanceof StaticPaths.Found(Path file)) {
      return version(file);
    }
    return null;
  }

  /**
   * The version of a file already resolved by {@link StaticPaths} (a {@link StaticPaths.Found}
   * path), or null if it cannot be read.
   */
  public String version(Path file) {
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      cache.remove(file);
      return null;
    }
    Entry cached = cache.get(file);
    if (cached != null
        && cached.size == attrs.size()
        && cached.modified.equals(attrs.lastModifiedTime())) {
      return cached.hash;
    }
    String hash;
    try {
      hash = hash(file);
    } catch (IOException e) {
      cache.remove(file);
      return null;
    }
    // Racing threads compute the same value; the last write wins harmlessly. If the file changed
    // while we read it, the next lookup sees new attributes and hashes again.
    cache.put(file, new Entry(attrs.size(), attrs.lastModifiedTime(), hash));
    return hash;
  }

  /**
   * Tornado's {@code make_static_url}: {@code prefix + relativePath + "?v=" + version}, or without
   * the query when the file has no version.
   */
  public String staticUrl(String prefix, String relativePath) {
    String url = prefix + relativePath;
    String v = version(relativePath);
    return v == null ? url : url + "?v=" + v;
  }

  private static String hash(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JDK has SHA-256
    }
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        digest.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest()).substring(0, HASH_HEX_CHARS);
  }
}
