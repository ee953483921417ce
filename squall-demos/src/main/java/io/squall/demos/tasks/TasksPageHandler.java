package io.squall.demos.tasks;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /tasks/}: the task list as an HTML page (template {@code tasks/index.html}). The page
 * lists the tasks when it is rendered; adding, completing and deleting go through the JSON API from
 * the browser ({@code static/tasks.js}), which then shows the list the API returns.
 */
public final class TasksPageHandler extends io.squall.web.RequestHandler {
  private final TaskStore store;
  private final String apiUrl;

  /** A page over {@code store} whose script talks to the API at {@code apiUrl}. */
  public TasksPageHandler(TaskStore store, String apiUrl) {
    this.store = store;
    this.apiUrl = apiUrl;
  }

  /** Renders the page with the current tasks; 503 when the database is unavailable. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return ApiHandler.db(store.list())
        .thenCompose(
            tasks ->
                render(
                    "tasks/index.html",
                    Map.of(
                        "tasks",
                        tasks.stream().map(Task::toJson).toList(),
                        "api",
                        apiUrl,
                        "max_name",
                        TaskInput.MAX_NAME)));
  }
}
