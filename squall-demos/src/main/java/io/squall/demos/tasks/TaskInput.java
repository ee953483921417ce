package io.squall.demos.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields a client sent to create or change a task, checked. A field left out is null here (an
 * update leaves it as it is); a field sent as JSON {@code null} (or an empty form value, for the
 * optional fields) is {@link Optional#empty()}, which clears it.
 *
 * @param name the new name, or null when not sent
 * @param note the new note (empty to clear), or null when not sent
 * @param dueDate the new due date (empty to clear), or null when not sent
 * @param completed the new state, or null when not sent
 */
public record TaskInput(
    String name, Optional<String> note, Optional<LocalDate> dueDate, Boolean completed) {

  /** The longest name, in characters. */
  public static final int MAX_NAME = 200;

  /** The longest note, in characters. */
  public static final int MAX_NOTE = 2000;

  private static final List<String> FIELDS = List.of("name", "note", "due_date", "completed");

  /** Thrown for input that breaks a rule; the message says which field and why. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads a JSON object. {@code id} is read-only and ignored; other unknown fields are refused.
   *
   * @throws Invalid for a body that is not an object, a field of the wrong type or out of range
   */
  public static TaskInput fromJson(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new Invalid("the body must be a JSON object");
    }
    for (var it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f) && !f.equals("id")) {
        throw new Invalid("unknown field '" + f + "' (fields: " + String.join(", ", FIELDS) + ")");
      }
    }
    String name = null;
    if (body.has("name")) {
      JsonNode n = body.get("name");
      if (!n.isTextual()) {
        throw new Invalid("name must be a string");
      }
      name = checkName(n.textValue());
    }
    Optional<String> note = null;
    if (body.has("note")) {
      JsonNode n = body.get("note");
      if (n.isNull()) {
        note = Optional.empty();
      } else if (!n.isTextual()) {
        throw new Invalid("note must be a string or null");
      } else {
        note = Optional.of(checkNote(n.textValue()));
      }
    }
    Optional<LocalDate> due = null;
    if (body.has("due_date")) {
      JsonNode n = body.get("due_date");
      if (n.isNull()) {
        due = Optional.empty();
      } else if (!n.isTextual()) {
        throw new Invalid("due_date must be an ISO-8601 date string (YYYY-MM-DD) or null");
      } else {
        due = Optional.of(parseDate(n.textValue()));
      }
    }
    Boolean completed = null;
    if (body.has("completed")) {
      JsonNode n = body.get("completed");
      if (!n.isBoolean()) {
        throw new Invalid("completed must be true or false");
      }
      completed = n.booleanValue();
    }
    return new TaskInput(name, note, due, completed);
  }

  /**
   * Reads form fields ({@code application/x-www-form-urlencoded}); the last value of a repeated
   * field counts. An empty {@code note} or {@code due_date} clears it.
   *
   * @throws Invalid for an unknown field or a value out of range
   */
  public static TaskInput fromForm(Map<String, List<String>> form) {
    for (String f : form.keySet()) {
      if (!FIELDS.contains(f) && !f.equals("id")) {
        throw new Invalid("unknown field '" + f + "' (fields: " + String.join(", ", FIELDS) + ")");
      }
    }
    String name = last(form, "name");
    if (name != null) {
      name = checkName(name);
    }
    String noteValue = last(form, "note");
    Optional<String> note =
        noteValue == null
            ? null
            : noteValue.isEmpty() ? Optional.empty() : Optional.of(checkNote(noteValue));
    String dueValue = last(form, "due_date");
    Optional<LocalDate> due =
        dueValue == null
            ? null
            : dueValue.isBlank() ? Optional.empty() : Optional.of(parseDate(dueValue.strip()));
    String c = last(form, "completed");
    Boolean completed = null;
    if (c != null) {
      completed =
          switch (c.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no", "" -> false;
            default -> throw new Invalid("completed must be true or false, got '" + c + "'");
          };
    }
    return new TaskInput(name, note, due, completed);
  }

  private static String last(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  private static String checkName(String raw) {
    String name = raw.strip();
    if (name.isEmpty()) {
      throw new Invalid("name must not be empty");
    }
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME) {
      throw new Invalid("name is " + length + " characters long; the limit is " + MAX_NAME);
    }
    return name;
  }

  private static String checkNote(String note) {
    int length = note.codePointCount(0, note.length());
    if (length > MAX_NOTE) {
      throw new Invalid("note is " + length + " characters long; the limit is " + MAX_NOTE);
    }
    return note;
  }

  private static LocalDate parseDate(String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw new Invalid("due_date must be an ISO-8601 date (YYYY-MM-DD), got '" + s + "'");
    }
  }

  /** Checks that a task can be created from this: the name is required. */
  public TaskInput requireName() {
    if (name == null) {
      throw new Invalid("name is required");
    }
    return this;
  }
}
