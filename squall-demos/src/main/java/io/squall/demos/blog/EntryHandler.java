package io.squall.demos.blog;

import io.squall.web.HttpError;
import java.util.concurrent.CompletableFuture;

/** {@code GET /blog/entry/SLUG}: one post; 404 for a slug no post has. */
final class EntryHandler extends BlogHandler {
  EntryHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** Renders the post named {@code slug}. */
  public CompletableFuture<Void> get(String slug) {
    return db(store.bySlug(slug))
        .thenCompose(
            found ->
                page(
                    200,
                    "blog/entry.html",
                    "entry",
                    found.orElseThrow(
                        () -> HttpError.withReason(404, "no such post", "no post " + slug))));
  }
}
