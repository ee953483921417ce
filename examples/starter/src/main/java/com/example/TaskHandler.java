package com.example;

import io.squall.web.HttpError;

/** {@code GET /api/tasks/ID} reads one task; {@code PUT} replaces it. */
public class TaskHandler extends ApiHandler {
  private final TaskStore tasks;

  /** A handler over {@code tasks}. */
  public TaskHandler(TaskStore tasks) {
    this.tasks = tasks;
  }

  /** The task, or 404. */
  public void get(String id) {
    Task t = tasks.get(Integer.parseInt(id));
    if (t == null) {
      throw new HttpError(404, "no task %s", id);
    }
    write(t);
  }

  /** Replaces the task with the body's title and done flag, or 404. */
  public void put(String id) {
    Task in = getJsonBody(Task.class);
    Task t = new Task(Integer.parseInt(id), in.title(), in.done());
    if (!tasks.replace(t)) {
      throw new HttpError(404, "no task %s", id);
    }
    write(t);
  }
}
