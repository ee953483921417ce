package io.squall.escape;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The shared Jackson {@link ObjectMapper} used by {@link Escape#jsonEncode} and {@link
 * Escape#jsonDecode}, and by the web layer for JSON bodies.
 *
 * <p>The mapper is configured once: unknown properties are ignored when reading into a class (a
 * client sending an extra field is not an error) and objects without properties serialize as {@code
 * {}}. It is thread-safe; do not reconfigure it after startup — create a copy with {@code
 * Json.mapper().copy()} for different settings.
 */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /** Returns the process-wide mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
