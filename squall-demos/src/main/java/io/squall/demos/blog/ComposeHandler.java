package io.squall.demos.blog;

import io.squall.web.Authenticated;
import io.squall.web.HttpError;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /blog/compose}, for logged-in authors only ({@code @Authenticated}: a visitor's GET is
 * sent to the login page, a POST gets 403). Without {@code id} it publishes a new post; with {@code
 * id} it edits that post, which only its author may do. An empty title or text, or one too long,
 * gets the form back with a 400 and the message, and nothing is saved.
 */
@Authenticated
final class ComposeHandler extends BlogHandler {
  /** The longest title, in characters. */
  static final int MAX_TITLE = 200;

  /** The longest text, in characters. */
  static final int MAX_TEXT = 50_000;

  ComposeHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** The form, empty or with post {@code ?id=} to edit. */
  public CompletableFuture<Void> get(String... pathArgs) {
    String id = getArgument("id", "");
    if (id.isEmpty()) {
      return form(200, null, "", "", null);
    }
    return editable(id).thenCompose(e -> form(200, e, e.title(), e.markdown(), null));
  }

  /** Publishes or saves, then redirects to the post (303). */
  public CompletableFuture<Void> post(String... pathArgs) {
    String id = getBodyArgument("id", "");
    String title = getBodyArgument("title", "").strip();
    String text = getBodyArgument("markdown", "");
    String error = problem(title, text);
    if (id.isEmpty()) {
      if (error != null) {
        return form(400, null, title, text, error);
      }
      return db(store.create(user().id(), title, text)).thenAccept(this::show);
    }
    return editable(id)
        .thenCompose(
            e -> {
              if (error != null) {
                return form(400, e, title, text, error);
              }
              return db(store.update(e.id(), title, text))
                  .thenAccept(
                      saved ->
                          show(saved.orElseThrow(() -> new HttpError(404, "post %s gone", id))));
            });
  }

  private void show(Entry e) {
    redirect(reverseUrl("blog.entry", e.slug()), 303);
  }

  private CompletableFuture<Void> form(
      int status, Entry entry, String title, String text, String error) {
    return page(
        status,
        "blog/compose.html",
        "entry",
        entry,
        "title",
        title,
        "markdown",
        text,
        "error",
        error,
        "max_title",
        MAX_TITLE);
  }

  /** Post {@code id} when it exists (else 404) and the logged-in author wrote it (else 403). */
  private CompletableFuture<Entry> editable(String id) {
    long n = parseId(id);
    return db(store.byId(n))
        .thenApply(
            found -> {
              Entry e =
                  found.orElseThrow(
                      () -> HttpError.withReason(404, "no such post", "no post " + id));
              if (e.authorId() != user().id()) {
                throw HttpError.withReason(
                    403, "only its author may edit a post", "post " + id + " is not theirs");
              }
              return e;
            });
  }

  static long parseId(String raw) {
    boolean digits =
        !raw.isEmpty() && raw.length() <= 18 && raw.chars().allMatch(c -> c >= '0' && c <= '9');
    long id = digits ? Long.parseLong(raw) : 0;
    if (id <= 0) {
      throw HttpError.withReason(400, "id must be a positive number", "bad post id " + raw);
    }
    return id;
  }

  /** What is wrong with the post, or null. */
  static String problem(String title, String text) {
    if (title.isEmpty()) {
      return "The title must not be empty.";
    }
    if (title.codePointCount(0, title.length()) > MAX_TITLE) {
      return "The title must be at most " + MAX_TITLE + " characters.";
    }
    if (text.isBlank()) {
      return "The text must not be empty.";
    }
    if (text.codePointCount(0, text.length()) > MAX_TEXT) {
      return "The text must be at most " + MAX_TEXT + " characters.";
    }
    return null;
  }
}
