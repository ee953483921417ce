package io.squall.demos.tasks;

import io.squall.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The tasks table, through a {@link Database}: every method returns at once, and its future
 * completes on the calling loop. The SQL runs unchanged on H2 and PostgreSQL. Thread-safe.
 */
public final class TaskStore {
  /** The Flyway location of the table's migrations. */
  public static final String MIGRATIONS = "classpath:db/tasks";

  private static final String COLUMNS = "id, name, note, due_date, completed";

  private final Database db;

  /** A store over {@code db}, migrated with {@link #MIGRATIONS}. */
  public TaskStore(Database db) {
    this.db = db;
  }

  /** The database. */
  public Database database() {
    return db;
  }

  private static Task map(ResultSet rs) throws SQLException {
    return new Task(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("note"),
        rs.getObject("due_date", LocalDate.class),
        rs.getBoolean("completed"));
  }

  private static Optional<Task> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  /** Every task, oldest first. */
  public CompletableFuture<List<Task>> list() {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM tasks ORDER BY id")
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** The task {@code id}, if there is one. */
  public CompletableFuture<Optional<Task>> get(long id) {
    return db.withHandle(h -> find(h, id));
  }

  /** Creates a task from {@code input}, whose name must be set; completes with it, id included. */
  public CompletableFuture<Task> create(TaskInput input) {
    return db.inTransaction(
        h -> {
          long id =
              h.createUpdate(
                      "INSERT INTO tasks (name, note, due_date, completed)"
                          + " VALUES (:name, :note, :due, :completed)")
                  .bind("name", input.name())
                  .bind("note", input.note() == null ? (String) null : input.note().orElse(null))
                  .bindByType(
                      "due",
                      input.dueDate() == null ? null : input.dueDate().orElse(null),
                      LocalDate.class)
                  .bind("completed", input.completed() != null && input.completed())
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          return find(h, id).orElseThrow();
        });
  }

  /** Changes the fields {@code input} carries; empty when there is no task {@code id}. */
  public CompletableFuture<Optional<Task>> update(long id, TaskInput input) {
    return db.inTransaction(
        h -> {
          List<String> sets = new ArrayList<>();
          if (input.name() != null) {
            sets.add("name = :name");
          }
          if (input.note() != null) {
            sets.add("note = :note");
          }
          if (input.dueDate() != null) {
            sets.add("due_date = :due");
          }
          if (input.completed() != null) {
            sets.add("completed = :completed");
          }
          if (sets.isEmpty()) {
            return find(h, id);
          }
          Update u =
              h.createUpdate("UPDATE tasks SET " + String.join(", ", sets) + " WHERE id = :id")
                  .bind("id", id);
          if (input.name() != null) {
            u.bind("name", input.name());
          }
          if (input.note() != null) {
            u.bind("note", input.note().orElse(null));
          }
          if (input.dueDate() != null) {
            u.bindByType("due", input.dueDate().orElse(null), LocalDate.class);
          }
          if (input.completed() != null) {
            u.bind("completed", input.completed().booleanValue());
          }
          if (u.execute() == 0) {
            return Optional.<Task>empty();
          }
          return find(h, id);
        });
  }

  /** Deletes task {@code id}; completes with whether there was one. */
  public CompletableFuture<Boolean> delete(long id) {
    return db.withHandle(
        h -> h.createUpdate("DELETE FROM tasks WHERE id = :id").bind("id", id).execute() > 0);
  }
}
