package io.squall.locale.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The translations of one compiled gettext catalog (a {@code .mo} file, as GNU {@code msgfmt}
 * writes it), looked up the way Python's {@code gettext.GNUTranslations} does, which is what
 * Tornado uses.
 *
 * <p>The file is read in either byte order (its magic number says which), revisions 0 and 1. The
 * header entry (the translation of the empty message) gives the charset of the strings ({@code
 * Content-Type: text/plain; charset=...}, UTF-8 when absent) and the {@code Plural-Forms} rule
 * ({@code n != 1} when absent). A plural entry ({@code msgid}/{@code msgid_plural}) is found only
 * by a plural lookup, under its singular message; the form index comes from the rule, and an index
 * the entry has no form for counts as untranslated. Messages with a context are stored as {@code
 * context + U+0004 + message}. A catalog may have a fallback (the {@code fr} catalog behind {@code
 * fr_FR}) that answers what it does not know.
 *
 * <p>Immutable and thread-safe.
 */
public final class MoCatalog implements Catalog {
  /** Separates context and message in a catalog key. */
  public static final char CONTEXT_SEPARATOR = '\u0004';

  private static final int MAGIC = 0x950412de;

  private final Map<String, String> singular;
  private final Map<String, List<String>> plural;
  private final PluralRule rule;
  private final Catalog fallback;

  private MoCatalog(
      Map<String, String> singular,
      Map<String, List<String>> plural,
      PluralRule rule,
      Catalog fallback) {
    this.singular = singular;
    this.plural = plural;
    this.rule = rule;
    this.fallback = fallback;
  }

  /**
   * Parses the bytes of a {@code .mo} file.
   *
   * @throws MoFormatException saying what is wrong if it is not a valid catalog
   */
  public static MoCatalog parse(byte[] data) throws MoFormatException {
    if (data.length < 20) {
      throw new MoFormatException("too short for a .mo file (" + data.length + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(data);
    buf.order(ByteOrder.LITTLE_ENDIAN);
    int magic = buf.getInt(0);
    if (magic != MAGIC) {
      buf.order(ByteOrder.BIG_ENDIAN);
      if (buf.getInt(0) != MAGIC) {
        throw new MoFormatException(
            String.format("bad magic number 0x%08x: not a .mo file", buf.getInt(0)));
      }
    }
    long revision = u32(buf, 4);
    long major = revision >>> 16;
    if (major != 0 && major != 1) {
      throw new MoFormatException("unsupported .mo revision " + major + "." + (revision & 0xffff));
    }
    long count = u32(buf, 8);
    long originals = u32(buf, 12);
    long translations = u32(buf, 16);
    if (count > (data.length / 8)
        || originals + count * 8 > data.length
        || translations + count * 8 > data.length) {
      throw new MoFormatException(
          "string tables (" + count + " entries) run past the end of the file");
    }
    byte[][] ids = new byte[(int) count][];
    byte[][] strs = new byte[(int) count][];
    for (int i = 0; i < count; i++) {
      ids[i] = string(data, buf, originals + i * 8L, "message " + i);
      strs[i] = string(data, buf, translations + i * 8L, "translation " + i);
    }

    Charset charset = StandardCharsets.UTF_8;
    PluralRule rule = PluralRule.GERMANIC;
    for (int i = 0; i < count; i++) {
      if (ids[i].length == 0) {
        Map<String, String> header = header(decode(strs[i], StandardCharsets.ISO_8859_1, i));
        charset = charset(header.get("content-type"));
        rule = pluralRule(header.get("plural-forms"));
        break;
      }
    }

    Map<String, String> singular = new HashMap<>();
    Map<String, List<String>> plural = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String id = decode(ids[i], charset, i);
      String str = decode(strs[i], charset, i);
      int nul = id.indexOf('\0');
      if (nul >= 0) {
        plural.put(id.substring(0, nul), List.of(str.split("\0", -1)));
      } else {
        singular.put(id, str);
      }
    }
    return new MoCatalog(Map.copyOf(singular), Map.copyOf(plural), rule, null);
  }

  /** This catalog with {@code fallback} answering the messages it has no translation for. */
  public MoCatalog withFallback(Catalog fallback) {
    return new MoCatalog(singular, plural, rule, fallback);
  }

  /** The {@code Plural-Forms} rule in use. */
  public PluralRule pluralRule() {
    return rule;
  }

  private static long u32(ByteBuffer buf, long offset) {
    return Integer.toUnsignedLong(buf.getInt((int) offset));
  }

  private static byte[] string(byte[] data, ByteBuffer buf, long entry, String what)
      throws MoFormatException {
    long length = u32(buf, entry);
    long offset = u32(buf, entry + 4);
    if (offset + length > data.length) {
      throw new MoFormatException(
          what + " (" + length + " bytes at " + offset + ") runs past the end of the file");
    }
    byte[] out = new byte[(int) length];
    System.arraycopy(data, (int) offset, out, 0, (int) length);
    return out;
  }

  private static String decode(byte[] bytes, Charset charset, int index) throws MoFormatException {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new MoFormatException("entry " + index + " is not valid " + charset.name());
    }
  }

  /** The header's fields, names in lower case, as Python's gettext reads them. */
  private static Map<String, String> header(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        fields.put(key, line.substring(colon + 1).strip());
      }
    }
    return fields;
  }

  private static Charset charset(String contentType) throws MoFormatException {
    if (contentType == null) {
      return StandardCharsets.UTF_8;
    }
    int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
    if (at < 0) {
      return StandardCharsets.UTF_8;
    }
    String name = contentType.substring(at + "charset=".length()).strip();
    int end = name.indexOf(';');
    if (end >= 0) {
      name = name.substring(0, end).strip();
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new MoFormatException("unknown charset '" + name + "' in the header");
    }
  }

  private static PluralRule pluralRule(String pluralForms) throws MoFormatException {
    if (pluralForms == null) {
      return PluralRule.GERMANIC;
    }
    for (String part : pluralForms.split(";")) {
      String p = part.strip();
      if (p.startsWith("plural=")) {
        try {
          return PluralRule.parse(p.substring("plural=".length()));
        } catch (IllegalArgumentException e) {
          throw new MoFormatException("Plural-Forms: " + e.getMessage());
        }
      }
    }
    throw new MoFormatException("Plural-Forms without plural=: " + pluralForms);
  }

  @Override
  public String translate(String message) {
    String found = singular.get(message);
    if (found != null) {
      return found;
    }
    return fallback != null ? fallback.translate(message) : message;
  }

  @Override
  public String translate(String message, String pluralMessage, long count) {
    List<String> forms = plural.get(message);
    if (forms != null) {
      long index = rule.evaluate(count);
      if (index >= 0 && index < forms.size()) {
        return forms.get((int) index);
      }
    }
    if (fallback != null) {
      return fallback.translate(message, pluralMessage, count);
    }
    return count == 1 ? message : pluralMessage;
  }

  /** The translation of {@code key}, or null (this catalog and its fallbacks). */
  private String lookup(String key) {
    String found = singular.get(key);
    if (found == null && fallback instanceof MoCatalog mo) {
      return mo.lookup(key);
    }
    return found;
  }

  /** The translated form of plural entry {@code key} for {@code count}, or null. */
  private String lookupPlural(String key, long count) {
    List<String> forms = plural.get(key);
    if (forms != null) {
      long index = rule.evaluate(count);
      if (index >= 0 && index < forms.size()) {
        return forms.get((int) index);
      }
    }
    return fallback instanceof MoCatalog mo ? mo.lookupPlural(key, count) : null;
  }

  /**
   * As Tornado: the message in its context if translated there, else the message untranslated (a
   * context-free translation of it is not used).
   */
  @Override
  public String pgettext(String context, String message) {
    String found = lookup(context + CONTEXT_SEPARATOR + message);
    return found != null ? found : message;
  }

  /**
   * As Tornado: the plural message in its context if translated there, else the context-free plural
   * translation.
   */
  @Override
  public String pgettext(String context, String message, String pluralMessage, long count) {
    String found = lookupPlural(context + CONTEXT_SEPARATOR + message, count);
    return found != null ? found : translate(message, pluralMessage, count);
  }

  @Override
  public boolean isEmpty() {
    return singular.isEmpty() && plural.isEmpty() && fallback == null;
  }
}
