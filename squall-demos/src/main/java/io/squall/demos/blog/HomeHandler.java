package io.squall.demos.blog;

import java.util.concurrent.CompletableFuture;

/** {@code GET /blog/}: the five latest posts, or an invitation to write the first. */
final class HomeHandler extends BlogHandler {
  static final int LATEST = 5;

  HomeHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** Renders the latest posts. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return db(store.latest(LATEST))
        .thenCompose(entries -> page(200, "blog/home.html", "entries", entries));
  }
}
