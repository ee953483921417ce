package io.squall.demos.tasks;

import io.squall.web.StreamRequestBody;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /api/tasks/{id}}: {@code GET} (200 or 404), {@code PUT} to change some or all fields (200
 * or 404), {@code DELETE} (204 or 404). An id that is not a positive integer is 400.
 */
@StreamRequestBody
public final class TaskHandler extends ApiHandler {
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "DELETE");

  private final TaskStore store;

  /** A handler over {@code store}. */
  public TaskHandler(TaskStore store) {
    this.store = store;
  }

  @Override
  protected Set<String> methods() {
    return METHODS;
  }

  @Override
  protected void checkPath() {
    parseId(pathArgs().get(0));
  }

  private static ApiError notFound(long id) {
    return new ApiError(404, "no task with id " + id);
  }

  private void writeOr404(long id, Optional<Task> task) {
    write(task.orElseThrow(() -> notFound(id)).toJson());
  }

  /** The task. */
  public CompletableFuture<Void> get(String rawId) {
    long id = parseId(rawId);
    return db(store.get(id)).thenAccept(t -> writeOr404(id, t));
  }

  /** Changes the fields the body carries; answers with the whole task. */
  public CompletableFuture<Void> put(String rawId) {
    long id = parseId(rawId);
    TaskInput input = input(false);
    return db(store.update(id, input)).thenAccept(t -> writeOr404(id, t));
  }

  /** Deletes the task: 204. */
  public CompletableFuture<Void> delete(String rawId) {
    long id = parseId(rawId);
    return db(store.delete(id))
        .thenAccept(
            found -> {
              if (!found) {
                throw notFound(id);
              }
              setStatus(204);
            });
  }
}
