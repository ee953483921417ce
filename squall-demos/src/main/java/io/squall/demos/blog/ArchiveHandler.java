package io.squall.demos.blog;

import java.util.concurrent.CompletableFuture;

/** {@code GET /blog/archive}: every post's title and date, newest first. */
final class ArchiveHandler extends BlogHandler {
  ArchiveHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** Renders the list. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return db(store.all())
        .thenCompose(entries -> page(200, "blog/archive.html", "entries", entries));
  }
}
