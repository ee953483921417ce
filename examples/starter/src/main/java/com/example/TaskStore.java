package com.example;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tasks, in memory. Thread-safe: the application runs one loop per core, and handlers on
 * different loops share this store.
 */
public final class TaskStore {
  private final Map<Integer, Task> tasks = new ConcurrentSkipListMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** Every task, by id. */
  public List<Task> all() {
    return List.copyOf(tasks.values());
  }

  /** The task with that id, or null. */
  public Task get(int id) {
    return tasks.get(id);
  }

  /** Stores a new task with that title and returns it. */
  public Task add(String title) {
    Task t = new Task(ids.incrementAndGet(), title, false);
    tasks.put(t.id(), t);
    return t;
  }

  /** Replaces a task; false when there is none with that id. */
  public boolean replace(Task t) {
    return tasks.replace(t.id(), t) != null;
  }
}
