package io.squall.http.internal;

import io.squall.http.HttpFile;
import io.squall.http.HttpInputException;
import io.squall.http.MultipartLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code multipart/form-data} (RFC 7578 over RFC 2046) for a body held in memory.
 *
 * <p>The preamble before the first delimiter and the epilogue after the close delimiter are
 * ignored. Each part needs a {@code Content-Disposition: form-data} header with a non-empty {@code
 * name}; a non-empty {@code filename} (or {@code filename*}) makes it a file. Part headers are
 * UTF-8 (browsers send raw UTF-8 file names). Any malformation raises a 400 {@link
 * HttpInputException} (413 for more parts than {@link MultipartLimits#maxParts()}) and leaves the
 * output maps untouched. Delimiters are found with a Boyer-Moore-Horspool search, so hostile bodies
 * cannot make parsing quadratic.
 */
public final class MultipartParser {
  private static final String PREFIX = "Invalid multipart/form-data: ";

  private MultipartParser() {}

  /**
   * Parses {@code body} split by {@code boundary} (already unquoted) into {@code args} (values
   * decoded as UTF-8) and {@code files}.
   */
  public static void parse(
      String boundary,
      byte[] body,
      Map<String, List<String>> args,
      Map<String, List<HttpFile>> files,
      MultipartLimits limits) {
    if (boundary.isEmpty() || boundary.length() > 256) {
      throw error("bad boundary");
    }
    byte[] delim = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int[] skip = skipTable(delim);
    List<String> argNames = new ArrayList<>();
    List<String> argValues = new ArrayList<>();
    List<String> fileNames = new ArrayList<>();
    List<HttpFile> fileValues = new ArrayList<>();

    // The first delimiter may open the body without a CRLF before it.
    int pos;
    if (startsWith(body, 0, delim, 2)) {
      pos = 0;
    } else {
      int d = indexOf(body, 0, body.length, delim, skip);
      if (d < 0) {
        throw error("no boundary found");
      }
      pos = d + 2;
    }
    int parts = 0;
    while (true) {
      int p = pos + delim.length - 2; // past "--boundary"
      if (startsWith(body, p, new byte[] {'-', '-'}, 0)) {
        break; // close delimiter; the epilogue is ignored
      }
      while (p < body.length && (body[p] == ' ' || body[p] == '\t')) {
        p++; // transport padding
      }
      if (p + 1 >= body.length || body[p] != '\r' || body[p + 1] != '\n') {
        throw error(p >= body.length ? "no final boundary" : "malformed boundary line");
      }
      int partStart = p + 2;
      int next = indexOf(body, partStart, body.length, delim, skip);
      if (next < 0) {
        throw error("no final boundary");
      }
      if (++parts > limits.maxParts()) {
        // GHSA-qjxf-f2mg-c6mc: 413, as for any other body over a configured limit
        throw new HttpInputException(
            413, PREFIX + "too many parts (the limit is " + limits.maxParts() + ")");
      }
      parsePart(body, partStart, next, limits, argNames, argValues, fileNames, fileValues);
      pos = next + 2;
    }
    for (int i = 0; i < argNames.size(); i++) {
      args.computeIfAbsent(argNames.get(i), k -> new ArrayList<>(1)).add(argValues.get(i));
    }
    for (int i = 0; i < fileNames.size(); i++) {
      files.computeIfAbsent(fileNames.get(i), k -> new ArrayList<>(1)).add(fileValues.get(i));
    }
  }

  private static void parsePart(
      byte[] body,
      int start,
      int end,
      MultipartLimits limits,
      List<String> argNames,
      List<String> argValues,
      List<String> fileNames,
      List<HttpFile> fileValues) {
    if (end - start >= 2 && body[start] == '\r' && body[start + 1] == '\n') {
      throw error("part without headers");
    }
    // The header block ends at CRLFCRLF; like Tornado, accept an empty body whose final CRLF is
    // the one that starts the next delimiter (end + 2 is inside the body: the delimiter follows).
    int eoh = indexOf(body, start, end + 2, new byte[] {'\r', '\n', '\r', '\n'}, null);
    if (eoh < 0) {
      throw error("part without headers");
    }
    if (eoh - start > limits.maxPartHeaderSize()) {
      throw error("part headers too large");
    }
    int bodyStart = Math.min(eoh + 4, end);
    String headerBlock = utf8(body, start, eoh - start, "part headers");
    String disposition = null;
    String contentType = null;
    int lineStart = 0;
    while (lineStart <= headerBlock.length()) {
      int lf = headerBlock.indexOf('\n', lineStart);
      int lineEnd = lf < 0 ? headerBlock.length() : lf;
      String line = headerBlock.substring(lineStart, lineEnd);
      lineStart = lineEnd + 1;
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      int colon = line.indexOf(':');
      if (line.isEmpty() || HttpChars.isOws(line.charAt(0)) || colon <= 0) {
        throw error("malformed part header");
      }
      String name = line.substring(0, colon);
      if (!HttpChars.isToken(name)) {
        throw error("malformed part header");
      }
      String value = line.substring(colon + 1).strip();
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
          throw error("invalid character in part header");
        }
      }
      if (name.equalsIgnoreCase("Content-Disposition")) {
        if (disposition != null) {
          throw error("repeated Content-Disposition");
        }
        disposition = value;
      } else if (name.equalsIgnoreCase("Content-Type") && contentType == null) {
        contentType = value;
      }
    }
    if (disposition == null) {
      throw error("part without Content-Disposition");
    }
    HeaderValues.Params cd = HeaderValues.params(disposition);
    if (!cd.value().equalsIgnoreCase("form-data")) {
      throw error("Content-Disposition is not form-data");
    }
    String name = cd.param("name");
    if (name == null || name.isEmpty()) {
      throw error("part without a name");
    }
    String filename = cd.param("filename");
    if (filename != null && !filename.isEmpty()) {
      fileNames.add(name);
      fileValues.add(
          new HttpFile(
              filename,
              contentType == null || contentType.isEmpty()
                  ? "application/octet-stream"
                  : contentType,
              Arrays.copyOfRange(body, bodyStart, end)));
    } else {
      argNames.add(name);
      argValues.add(utf8(body, bodyStart, end - bodyStart, "form field"));
    }
  }

  private static String utf8(byte[] a, int from, int len, String what) {
    try {
      return UrlEncoded.decodeStrict(a, from, len, StandardCharsets.UTF_8, what);
    } catch (HttpInputException e) {
      throw error("invalid UTF-8 in " + what);
    }
  }

  private static HttpInputException error(String what) {
    return new HttpInputException(400, PREFIX + what);
  }

  private static boolean startsWith(byte[] a, int at, byte[] prefix, int prefixFrom) {
    int n = prefix.length - prefixFrom;
    if (at < 0 || at + n > a.length) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (a[at + k] != prefix[prefixFrom + k]) {
        return false;
      }
    }
    return true;
  }

  private static int[] skipTable(byte[] pattern) {
    int[] skip = new int[256];
    Arrays.fill(skip, pattern.length);
    for (int k = 0; k < pattern.length - 1; k++) {
      skip[pattern[k] & 0xFF] = pattern.length - 1 - k;
    }
    return skip;
  }

  /** Boyer-Moore-Horspool search of {@code pattern} in {@code a[from, end)}; -1 if absent. */
  static int indexOf(byte[] a, int from, int end, byte[] pattern, int[] skip) {
    if (skip == null) {
      skip = skipTable(pattern);
    }
    end = Math.min(end, a.length);
    int m = pattern.length;
    int i = from;
    while (i + m <= end) {
      int k = m - 1;
      while (k >= 0 && a[i + k] == pattern[k]) {
        k--;
      }
      if (k < 0) {
        return i;
      }
      i += skip[a[i + m - 1] & 0xFF];
    }
    return -1;
  }
}
