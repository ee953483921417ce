package io.squall.demos.tasks;

import io.squall.web.StreamRequestBody;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code /api/tasks}: {@code GET} lists every task, {@code POST} creates one (201). */
@StreamRequestBody
public final class TaskListHandler extends ApiHandler {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

  private final TaskStore store;

  /** A handler over {@code store}. */
  public TaskListHandler(TaskStore store) {
    this.store = store;
  }

  @Override
  protected Set<String> methods() {
    return METHODS;
  }

  /** 200 with the JSON array of tasks, oldest first. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return db(store.list()).thenAccept(tasks -> write(tasks.stream().map(Task::toJson).toList()));
  }

  /** 201 with the new task and its {@code Location}. */
  public CompletableFuture<Void> post(String... pathArgs) {
    TaskInput input = input(true);
    return db(store.create(input))
        .thenAccept(
            task -> {
              setStatus(201);
              setHeader("Location", reverseUrl("tasks.item", task.id()));
              write(task.toJson());
            });
  }
}
