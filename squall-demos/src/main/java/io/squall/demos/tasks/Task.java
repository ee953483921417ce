package io.squall.demos.tasks;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task as stored.
 *
 * @param id the database's id
 * @param name what to do, never blank
 * @param note free text, or null
 * @param dueDate the day it is due, or null
 * @param completed whether it is done
 */
public record Task(long id, String name, String note, LocalDate dueDate, boolean completed) {
  /** The task as the API shows it: {@code id, name, note, due_date, completed}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("name", name);
    m.put("note", note);
    m.put("due_date", dueDate == null ? null : dueDate.toString());
    m.put("completed", completed);
    return m;
  }
}
