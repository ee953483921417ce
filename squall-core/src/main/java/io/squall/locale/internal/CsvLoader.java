package io.squall.locale.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a directory of Tornado CSV translation files, {@code LOCALE.csv} each ({@code es_GT.csv},
 * {@code de.csv}): rows of message, translation and an optional plural mark ({@code singular},
 * {@code plural}, or {@code unknown}/empty for a message without plural), and optionally a fourth:
 * the message's context, for {@code pgettext} (a Squall extension; Tornado reads such files the
 * same way, ignoring the fourth column, so they stay portable).
 *
 * <p>As in Tornado, a file whose name is not a locale code ({@code [a-z]+(_[A-Z]+)?}) and a row
 * with an unknown plural mark are logged as errors and skipped; rows with fewer than two fields are
 * ignored; fields are trimmed. A file's encoding is found per file from its byte-order mark: UTF-16
 * (either byte order) or UTF-8 with or without a BOM. Bytes that are not valid in that encoding
 * fail the load with the file's name.
 */
public final class CsvLoader {
  private static final Logger LOG = LoggerFactory.getLogger(CsvLoader.class);

  private CsvLoader() {}

  /**
   * Loads every {@code .csv} file of {@code directory}.
   *
   * @param encoding the files' encoding, or null to detect it from the BOM
   * @return the catalogs by locale code
   * @throws IOException if the directory or a file cannot be read or decoded
   */
  public static Map<String, Catalog> load(Path directory, Charset encoding) throws IOException {
    Map<String, Catalog> out = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith("/")) { // directory entries of a zip file system
          name = name.substring(0, name.length() - 1);
        }
        if (!name.endsWith(".csv") || Files.isDirectory(file)) {
          continue;
        }
        String code = name.substring(0, name.length() - ".csv".length());
        if (!LocaleCodes.isCsvLocaleName(code)) {
          LOG.error("Unrecognized locale '{}' (path: {})", code, file);
          continue;
        }
        out.put(code, parse(decode(Files.readAllBytes(file), encoding, file), file));
      }
    }
    return out;
  }

  /**
   * Decodes a translation file: {@code encoding} if given, else UTF-16 when the file starts with a
   * UTF-16 BOM and UTF-8 (without its BOM) otherwise.
   *
   * @param source names the file in the error message
   * @throws IOException naming {@code source} if the bytes are not valid in the encoding
   */
  public static String decode(byte[] bytes, Charset encoding, Object source) throws IOException {
    Charset charset = encoding;
    if (charset == null) {
      boolean utf16 =
          bytes.length >= 2
              && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                  || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
      charset = utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
    }
    int skip = 0;
    if (charset.equals(StandardCharsets.UTF_8)
        && bytes.length >= 3
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF) {
      skip = 3;
    }
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(source + " is not valid " + charset.name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses the decoded text of one file into a catalog.
   *
   * @param source names the file in log messages
   */
  public static CsvCatalog parse(String text, Object source) {
    Map<String, Map<String, String>> tables = new HashMap<>();
    for (CsvRows.Row row : CsvRows.parse(text)) {
      List<String> fields = row.fields();
      if (fields.size() < 2) {
        continue;
      }
      String english = PyStrings.strip(fields.get(0));
      String translation = PyStrings.strip(fields.get(1));
      String plural = fields.size() > 2 ? PyStrings.strip(fields.get(2)) : "";
      if (plural.isEmpty()) {
        plural = CsvCatalog.UNKNOWN;
      }
      if (!plural.equals(CsvCatalog.PLURAL)
          && !plural.equals(CsvCatalog.SINGULAR)
          && !plural.equals(CsvCatalog.UNKNOWN)) {
        LOG.error(
            "Unrecognized plural indicator '{}' in {} line {}; the row is skipped",
            plural,
            source,
            row.line());
        continue;
      }
      Map<String, String> table = tables.computeIfAbsent(plural, k -> new HashMap<>());
      table.put(english, translation);
      String context = fields.size() > 3 ? PyStrings.strip(fields.get(3)) : "";
      if (!context.isEmpty()) {
        table.put(context + CsvCatalog.CONTEXT_SEPARATOR + english, translation);
      }
    }
    return new CsvCatalog(tables);
  }
}
