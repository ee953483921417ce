package io.squall.http;

import io.squall.http.internal.HeaderValues;
import io.squall.http.internal.MultipartParser;
import io.squall.http.internal.UrlEncoded;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Parsing of query strings and form bodies into arguments and uploaded files (Tornado's {@code
 * parse_qs_bytes}, {@code parse_body_arguments} and {@code parse_multipart_form_data}).
 *
 * <p>Names and values are decoded to strings here, as UTF-8 unless said otherwise. Bytes that are
 * not valid in the charset raise an {@link HttpInputException} with status 400; they are never
 * replaced silently with U+FFFD. (Tornado keeps bytes and fails later, in {@code decode_argument};
 * the outcome for the client is the same 400.) Uploaded file contents stay raw bytes.
 *
 * <p>Argument maps keep the order in which names first appear and every value of a repeated name,
 * blank values included ({@code keep_blank_values=True}).
 */
public final class BodyArguments {
  private BodyArguments() {}

  /**
   * Parses a query string (the part after {@code '?'}, without it) as UTF-8. See {@link
   * #parseQueryString(String, Charset)}.
   */
  public static Map<String, List<String>> parseQueryString(String query) {
    return parseQueryString(query, StandardCharsets.UTF_8);
  }

  /**
   * Parses a query string into an ordered map from name to values.
   *
   * <p>Pairs are split on {@code '&'} only (not {@code ';'}); empty pairs are skipped; a pair
   * without {@code '='} has the empty value; {@code '+'} means space; a malformed {@code %} escape
   * is kept as is. {@code "a=1&b&a=&&c=%20"} gives {@code {a=[1, ""], b=[""], c=[" "]}}.
   *
   * <p>The query is taken as it appears in {@link RequestStartLine#target()}: one char per byte
   * (ISO-8859-1). Percent-decoded bytes, and raw bytes above 0x7F, are then decoded with {@code
   * charset}, which must be ASCII-compatible. Chars above U+00FF (not possible from the wire) are
   * encoded with {@code charset} first.
   *
   * @throws HttpInputException (400) if the decoded bytes are not valid in {@code charset}
   */
  public static Map<String, List<String>> parseQueryString(String query, Charset charset) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return out;
    }
    byte[] bytes = UrlEncoded.latin1Bytes(query, charset);
    UrlEncoded.parse(bytes, 0, bytes.length, charset, out);
    return out;
  }

  /**
   * Parses a request body by its content type, with {@link MultipartLimits#DEFAULT}. See {@link
   * #parseBodyArguments(String, byte[], Map, Map, MultipartLimits)}.
   */
  public static void parseBodyArguments(
      String contentType,
      byte[] body,
      Map<String, List<String>> arguments,
      Map<String, List<HttpFile>> files) {
    parseBodyArguments(contentType, body, arguments, files, MultipartLimits.DEFAULT);
  }

  /**
   * Parses a form body and adds its fields to {@code arguments} and its uploads to {@code files}.
   *
   * <ul>
   *   <li>{@code application/x-www-form-urlencoded}: as {@link #parseQueryString(String, Charset)},
   *       UTF-8 (a {@code charset} parameter is ignored, as browsers ignore it).
   *   <li>{@code multipart/form-data; boundary=...} (boundary quoted or not): each part needs
   *       {@code Content-Disposition: form-data; name=...}; a part with a non-empty {@code
   *       filename} (or RFC 5987 {@code filename*}, which wins) becomes an {@link HttpFile} whose
   *       content type defaults to {@code application/octet-stream}; other parts become arguments,
   *       decoded as UTF-8. The preamble and epilogue are ignored.
   *   <li>Any other or a null content type: nothing happens, as in Tornado.
   * </ul>
   *
   * <p>On error nothing is added to the maps.
   *
   * @throws HttpInputException (400) on a malformed body (missing boundary, no final boundary, a
   *     part without headers or name, invalid UTF-8, ...); (413) on more parts than {@code
   *     limits.maxParts()}
   */
  public static void parseBodyArguments(
      String contentType,
      byte[] body,
      Map<String, List<String>> arguments,
      Map<String, List<HttpFile>> files,
      MultipartLimits limits) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(limits, "limits");
    if (contentType == null) {
      return;
    }
    int semi = contentType.indexOf(';');
    String mediaType =
        (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    switch (mediaType) {
      case "application/x-www-form-urlencoded" -> {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        UrlEncoded.parse(body, 0, body.length, StandardCharsets.UTF_8, parsed);
        parsed.forEach((k, v) -> arguments.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
      }
      case "multipart/form-data" -> {
        String boundary = HeaderValues.params(contentType).param("boundary");
        if (boundary == null || boundary.isEmpty()) {
          throw new HttpInputException(400, "Invalid multipart/form-data: boundary not found");
        }
        MultipartParser.parse(boundary, body, arguments, files, limits);
      }
      default -> {}
    }
  }
}
