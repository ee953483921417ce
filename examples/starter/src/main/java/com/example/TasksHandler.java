package com.example;

import io.squall.web.HttpError;
import java.util.Map;

/** {@code GET /api/tasks} lists the tasks; {@code POST} with {@code {"title": "..."}} adds one. */
public class TasksHandler extends ApiHandler {
  private final TaskStore tasks;

  /** A handler over {@code tasks}. */
  public TasksHandler(TaskStore tasks) {
    this.tasks = tasks;
  }

  /** The tasks, as {@code {"tasks": [...]}}. */
  public void get() {
    write(Map.of("tasks", tasks.all()));
  }

  /** Adds a task: 201 with the task, or 400 without a title. */
  public void post() {
    Task in = getJsonBody(Task.class);
    if (in.title() == null || in.title().isBlank()) {
      throw new HttpError(400, "a task needs a title");
    }
    Task t = tasks.add(in.title().strip());
    setStatus(201);
    setHeader("Location", "/api/tasks/" + t.id());
    write(t);
  }
}
