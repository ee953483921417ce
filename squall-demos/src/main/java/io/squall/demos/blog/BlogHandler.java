package io.squall.demos.blog;

import io.squall.db.DatabaseUnavailableException;
import io.squall.web.CookieOptions;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What every page of the blog shares (Tornado's blog {@code BaseHandler}): the logged-in author
 * from the signed session cookie, the checked {@code ?next=} redirect, and a 503 when the database
 * is down.
 */
abstract class BlogHandler extends RequestHandler {
  /** The session cookie: the author's id and name, signed with the cookie secret. */
  static final String COOKIE = "blogdemo_user";

  /** The session cookie's attributes: the blog's path only, not readable by scripts. */
  static final CookieOptions COOKIE_OPTIONS =
      CookieOptions.builder().path(BlogDemo.PREFIX + "/").httpOnly(true).sameSite("Lax").build();

  final BlogStore store;
  final Passwords passwords;

  BlogHandler(BlogDemo.Blog blog) {
    this.store = blog.store();
    this.passwords = blog.passwords();
  }

  /**
   * The author the session cookie names; null without one, and also when its signature does not
   * verify (a tampered cookie is a logged-out visitor, nothing more).
   */
  @Override
  protected Object getCurrentUser() {
    return SessionUser.decode(getSignedCookie(COOKIE));
  }

  /** The logged-in author, or null. */
  SessionUser user() {
    return (SessionUser) currentUser();
  }

  void logIn(Author author) {
    setSignedCookie(COOKIE, new SessionUser(author.id(), author.name()).encode(), COOKIE_OPTIONS);
  }

  void logOut() {
    clearCookie(COOKIE, COOKIE_OPTIONS);
  }

  /** The blog's home, or {@code ?next=} when it is a path on this site. */
  String next() {
    String next = getArgument("next", "");
    if (next.isEmpty()) {
      return reverseUrl("blog.home");
    }
    // only a local path: an absolute URL or //host would make an open redirect (CWE-601)
    if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
      throw HttpError.withReason(400, "next must be a path on this site", "bad next " + next);
    }
    return next;
  }

  /** The failure inside a future's {@link CompletionException}. */
  static Throwable cause(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** {@code work}, with a database outage answered by a 503 instead of a 500. */
  static <T> CompletableFuture<T> db(CompletableFuture<T> work) {
    return work.exceptionally(
        e -> {
          Throwable c = cause(e);
          if (c instanceof DatabaseUnavailableException) {
            throw HttpError.withReason(503, "the blog's database is unavailable", c.getMessage());
          }
          if (c instanceof RuntimeException r) {
            throw r;
          }
          throw new CompletionException(c);
        });
  }

  /** Renders {@code name} with {@code status} and the model (nulls allowed, unlike Map.of). */
  CompletableFuture<Void> page(int status, String name, Object... keysAndValues) {
    Map<String, Object> model = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      model.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    setStatus(status);
    return render(name, model);
  }

  @Override
  protected Map<String, Object> getTemplateNamespace() {
    Map<String, Object> ns = super.getTemplateNamespace();
    ns.put("blog_title", BlogDemo.TITLE);
    return ns;
  }
}
