package io.squall.demos.blog;

import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /blog/feed}: the ten latest posts as an Atom 1.0 feed (RFC 4287), each with its HTML
 * as escaped {@code type="html"} content; absolute links from this request's scheme and host.
 */
final class FeedHandler extends BlogHandler {
  static final int LATEST = 10;

  FeedHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** Renders the feed. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return db(store.latest(LATEST))
        .thenCompose(
            entries -> {
              setHeader("Content-Type", "application/atom+xml; charset=UTF-8");
              return page(
                  200,
                  "blog/feed.xml",
                  "entries",
                  entries,
                  "site",
                  request().protocol() + "://" + request().host(),
                  "updated",
                  BlogStore.lastChange(entries),
                  "rfc3339",
                  DateTimeFormatter.ISO_INSTANT);
            });
  }
}
