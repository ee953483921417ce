package io.squall.locale.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into rows the way Python's {@code csv.reader} does in its default "excel" dialect,
 * which is how Tornado reads translation files: comma-separated, fields optionally in double
 * quotes, {@code ""} inside quotes for a quote, line breaks allowed inside quotes. Like Python
 * (which is not strict by default), a quote inside an unquoted field is an ordinary character and
 * characters after a closing quote join the field ({@code "ab"c} reads {@code abc}); an unclosed
 * quote runs to the end of the text. Line breaks inside quotes read as {@code \n}, as Python's
 * universal newlines deliver them.
 */
public final class CsvRows {
  private CsvRows() {}

  /**
   * One row and the line it starts on.
   *
   * @param line 1-based line number of the row's first character
   * @param fields the fields, not trimmed; empty for a blank line
   */
  public record Row(int line, List<String> fields) {}

  private enum State {
    START_FIELD,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  }

  /** Parses all of {@code text}. */
  public static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    State state = State.START_FIELD;
    int line = 1;
    int rowLine = 1;
    boolean rowStarted = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean newline = c == '\n' || c == '\r';
      if (newline && c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        i++; // \r\n is one line break
      }
      if (newline) {
        line++;
      }
      switch (state) {
        case QUOTED -> {
          if (c == '"') {
            state = State.QUOTE_IN_QUOTED;
          } else {
            field.append(newline ? '\n' : c);
          }
        }
        case QUOTE_IN_QUOTED -> {
          if (c == '"') {
            field.append('"');
            state = State.QUOTED;
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
            state = State.START_FIELD;
          } else if (newline) {
            fields.add(field.toString());
            field.setLength(0);
            rows.add(new Row(rowLine, List.copyOf(fields)));
            fields.clear();
            state = State.START_FIELD;
            rowStarted = false;
          } else {
            field.append(c);
            state = State.UNQUOTED;
          }
        }
        case START_FIELD, UNQUOTED -> {
          if (!rowStarted) {
            rowStarted = true;
            rowLine = newline ? line - 1 : line;
          }
          if (newline) {
            if (state == State.UNQUOTED || !fields.isEmpty()) {
              fields.add(field.toString());
            }
            field.setLength(0);
            rows.add(new Row(rowLine, List.copyOf(fields)));
            fields.clear();
            state = State.START_FIELD;
            rowStarted = false;
          } else if (c == ',') {
            fields.add(field.toString());
            field.setLength(0);
            state = State.START_FIELD;
          } else if (c == '"' && state == State.START_FIELD) {
            state = State.QUOTED;
          } else {
            field.append(c);
            state = State.UNQUOTED;
          }
        }
      }
    }
    if (state != State.START_FIELD || !fields.isEmpty()) {
      fields.add(field.toString());
    }
    if (!fields.isEmpty()) {
      rows.add(new Row(rowLine, List.copyOf(fields)));
    }
    return rows;
  }
}
