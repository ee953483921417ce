package io.squall.template.internal;

import io.squall.template.TemplateException;
import io.squall.template.WhitespaceMode;

/** A cursor over a template's text that counts lines as it consumes. */
final class TemplateReader {
  final String name;
  private final String text;
  WhitespaceMode whitespace;
  private int pos;
  private int line = 1;

  TemplateReader(String name, String text, WhitespaceMode whitespace) {
    this.name = name;
    this.text = text;
    this.whitespace = whitespace;
  }

  /** The offset of {@code needle} from the cursor, searching from {@code start}, or -1. */
  int find(String needle, int start) {
    int i = text.indexOf(needle, pos + start);
    return i < 0 ? -1 : i - pos;
  }

  /** Consumes {@code count} characters and returns them. */
  String consume(int count) {
    int end = pos + count;
    for (int i = pos; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    String s = text.substring(pos, end);
    pos = end;
    return s;
  }

  /** Consumes everything left. */
  String consumeRest() {
    return consume(remaining());
  }

  int remaining() {
    return text.length() - pos;
  }

  /** The character {@code offset} places after the cursor. */
  char charAt(int offset) {
    return text.charAt(pos + offset);
  }

  int line() {
    return line;
  }

  TemplateException error(String message) {
    return new TemplateException(message, name, line);
  }

  TemplateException error(String message, int atLine) {
    return new TemplateException(message, name, atLine);
  }
}
