package io.squall.web.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Content types of static files by file extension, and which content types are worth compressing.
 * Textual types carry {@code ; charset=utf-8}; an unknown or missing extension gives {@value
 * #DEFAULT}. As in Tornado, a {@code .gz} file is {@code application/gzip} (RFC 6713), not the type
 * of what it contains.
 */
public final class ContentTypes {
  /** The type of files whose extension is unknown. */
  public static final String DEFAULT = "application/octet-stream";

  private static final String UTF8 = "; charset=utf-8";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          // text
          Map.entry("html", "text/html" + UTF8),
          Map.entry("htm", "text/html" + UTF8),
          Map.entry("css", "text/css" + UTF8),
          Map.entry("js", "text/javascript" + UTF8),
          Map.entry("mjs", "text/javascript" + UTF8),
          Map.entry("cjs", "text/javascript" + UTF8),
          Map.entry("txt", "text/plain" + UTF8),
          Map.entry("text", "text/plain" + UTF8),
          Map.entry("csv", "text/csv" + UTF8),
          Map.entry("md", "text/markdown" + UTF8),
          Map.entry("xml", "text/xml" + UTF8),
          Map.entry("ics", "text/calendar" + UTF8),
          Map.entry("vtt", "text/vtt" + UTF8),
          // structured text
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("jsonld", "application/ld+json"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("xhtml", "application/xhtml+xml"),
          Map.entry("rss", "application/rss+xml"),
          Map.entry("atom", "application/atom+xml"),
          Map.entry("yaml", "application/yaml"),
          Map.entry("yml", "application/yaml"),
          Map.entry("wasm", "application/wasm"),
          // images
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("avif", "image/avif"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          // fonts
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("ttf", "font/ttf"),
          Map.entry("otf", "font/otf"),
          Map.entry("eot", "application/vnd.ms-fontobject"),
          // audio and video
          Map.entry("mp4", "video/mp4"),
          Map.entry("m4v", "video/mp4"),
          Map.entry("webm", "video/webm"),
          Map.entry("ogv", "video/ogg"),
          Map.entry("mov", "video/quicktime"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("m4a", "audio/mp4"),
          Map.entry("ogg", "audio/ogg"),
          Map.entry("oga", "audio/ogg"),
          Map.entry("opus", "audio/ogg"),
          Map.entry("wav", "audio/wav"),
          Map.entry("flac", "audio/flac"),
          // documents and archives
          Map.entry("pdf", "application/pdf"),
          Map.entry("zip", "application/zip"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tgz", "application/gzip"),
          Map.entry("tar", "application/x-tar"));

  /** Non-{@code text/*} types that compress well (Tornado's list plus a few). */
  private static final Set<String> COMPRESSIBLE =
      Set.of(
          "application/javascript",
          "application/x-javascript",
          "application/ecmascript",
          "application/json",
          "application/xml",
          "application/xhtml+xml",
          "application/atom+xml",
          "application/rss+xml",
          "application/yaml",
          "application/wasm",
          "image/svg+xml",
          "image/x-icon",
          "image/bmp");

  private ContentTypes() {}

  /** The content type for a file name (only the part after the last dot matters). */
  public static String forFileName(String fileName) {
    if (fileName == null) {
      return DEFAULT;
    }
    int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
    int dot = fileName.lastIndexOf('.');
    if (dot <= slash + 1 || dot == fileName.length() - 1) {
      return DEFAULT; // no extension, or a dotfile such as ".bashrc"
    }
    String type = BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    return type == null ? DEFAULT : type;
  }

  /** The content type for a file, by its name. */
  public static String forPath(Path file) {
    Path name = file.getFileName();
    return name == null ? DEFAULT : forFileName(name.toString());
  }

  /**
   * Whether a response of this content type is worth gzip-compressing: {@code text/*}, JavaScript,
   * JSON, XML, SVG and other {@code +json}/{@code +xml} types, WebAssembly. Parameters such as
   * {@code charset} are ignored; null gives false.
   */
  public static boolean isCompressible(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/")
        || COMPRESSIBLE.contains(type)
        || (type.startsWith("application/") && (type.endsWith("+json") || type.endsWith("+xml")));
  }
}
