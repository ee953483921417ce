package io.squall.web.internal;

import com.fasterxml.jackson.core.JacksonException;
import io.squall.escape.Json;
import io.squall.escape.internal.UrlCodec;
import io.squall.web.HttpError;
import io.squall.web.MissingArgumentError;
import io.squall.web.RequestHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler reads from its request: query and form arguments cleaned as Tornado cleans them
 * (C0 controls other than white space become spaces; the value is stripped), the body as JSON, and
 * route groups percent-decoded as strict UTF-8.
 */
public final class RequestArguments {
  private RequestArguments() {}

  /**
   * The last value of {@code name}, passed through the handler's {@code decodeArgument} and
   * cleaned, stripped of surrounding white space when {@code strip}.
   *
   * @throws MissingArgumentError (400) when absent
   */
  public static String required(
      RequestHandler h, Map<String, List<String>> args, String name, boolean strip) {
    String v = last(args.get(name));
    if (v == null) {
      throw new MissingArgumentError(name);
    }
    return clean(h.decodeArgument(v, name), strip);
  }

  /** As {@link #required}, or {@code defaultValue} (as given) when absent. */
  public static String optional(
      RequestHandler h,
      Map<String, List<String>> args,
      String name,
      String defaultValue,
      boolean strip) {
    String v = last(args.get(name));
    return v == null ? defaultValue : clean(h.decodeArgument(v, name), strip);
  }

  /** Every value of {@code name}, decoded and cleaned as {@link #required}; empty when absent. */
  public static List<String> all(
      RequestHandler h, Map<String, List<String>> args, String name, boolean strip) {
    List<String> values = args.get(name);
    if (values == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(clean(h.decodeArgument(v, name), strip));
    }
    return out;
  }

  private static String last(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
  }

  /**
   * Replaces C0 control characters other than TAB, LF, VT, FF, CR with a space; strips when asked.
   */
  private static String clean(String v, boolean strip) {
    StringBuilder sb = null;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c <= 0x08 || (c >= 0x0e && c <= 0x1f)) {
        if (sb == null) {
          sb = new StringBuilder(v);
        }
        sb.setCharAt(i, ' ');
      }
    }
    String s = sb == null ? v : sb.toString();
    return strip ? s.strip() : s;
  }

  /**
   * {@code body} parsed as JSON into {@code type}.
   *
   * @throws HttpError 400 when the body is not valid JSON for {@code type}
   */
  public static <T> T json(byte[] body, Class<T> type) {
    try {
      return Json.mapper().readValue(body, type);
    } catch (JacksonException e) {
      throw new HttpError(400, "Invalid JSON body: %s", e.getOriginalMessage());
    } catch (IOException e) {
      throw new HttpError(400, "Invalid JSON body: %s", e.getMessage());
    }
  }

  /**
   * A route group percent-decoded and read as UTF-8.
   *
   * @throws HttpError 400 for a malformed escape or invalid UTF-8
   */
  public static String decodePathComponent(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] bytes;
    try {
      bytes = UrlCodec.decodeStrict(raw);
    } catch (IllegalArgumentException e) {
      throw new HttpError(400, "Invalid percent-encoding in path: %s", raw);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new HttpError(400, "Invalid unicode in path: %s", raw);
    }
  }
}
