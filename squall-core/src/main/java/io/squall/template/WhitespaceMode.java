package io.squall.template;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a template treats the whitespace in its literal text (Tornado's {@code whitespace} modes).
 *
 * <p>A template's mode comes from {@link TemplateSettings#whitespace()}, or by default from its
 * name: {@link #SINGLE} for {@code .html} and {@code .js} files, {@link #ALL} for everything else.
 * The {@code {% whitespace mode %}} directive switches it for the rest of the file. Text that
 * contains {@code <pre>} is always kept as it is.
 */
public enum WhitespaceMode {
  /** Keep all whitespace. */
  ALL,
  /** Collapse runs of spaces and tabs to one space and runs of blank lines to one newline. */
  SINGLE,
  /** Collapse every run of whitespace, newlines included, to one space. */
  ONELINE;

  private static final Pattern BLANKS = Pattern.compile("[\\t ]+");
  private static final Pattern NEWLINES =
      Pattern.compile("\\s*\\n\\s*", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  /** Applies this mode to {@code text} (Tornado's {@code filter_whitespace}). */
  public String filter(String text) {
    return switch (this) {
      case ALL -> text;
      case SINGLE -> NEWLINES.matcher(BLANKS.matcher(text).replaceAll(" ")).replaceAll("\n");
      case ONELINE -> SPACES.matcher(text).replaceAll(" ");
    };
  }

  /**
   * Parses a mode name as written in templates and settings: {@code all}, {@code single} or {@code
   * oneline} (case-insensitive).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static WhitespaceMode of(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "all" -> ALL;
      case "single" -> SINGLE;
      case "oneline" -> ONELINE;
      default -> throw new IllegalArgumentException("invalid whitespace mode " + name);
    };
  }

  /** The default for a template name: {@link #SINGLE} for .html and .js, else {@link #ALL}. */
  public static WhitespaceMode forTemplateName(String name) {
    return name.endsWith(".html") || name.endsWith(".js") ? SINGLE : ALL;
  }
}
