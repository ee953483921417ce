package io.squall.demos.blog;

import io.squall.ioloop.IOLoop;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /blog/auth/login}: the login form, and the check. An unknown e-mail or a wrong password
 * gets the form back with a 403 and the reason, and no cookie. The password is checked off the
 * loop, against a dummy hash for an unknown e-mail, so both answers take as long. A hash made with
 * an older cost is renewed at a successful login.
 */
final class LoginHandler extends BlogHandler {
  LoginHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** The form. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return form(200, "", null);
  }

  /** Logs in and redirects to {@code next} (303). */
  public CompletableFuture<Void> post(String... pathArgs) {
    String next = next();
    String email = getBodyArgument("email", "").strip().toLowerCase(Locale.ROOT);
    String password = getBodyArgument("password", "", false);
    IOLoop loop = IOLoop.current();
    return db(store.authorByEmail(email))
        .thenCompose(
            (Optional<Author> found) -> {
              String hash = found.map(Author::passwordHash).orElse(null);
              return loop.runInExecutor(
                      () ->
                          passwords.verify(
                              password, hash == null ? passwords.unknownUserHash() : hash))
                  .thenCompose(
                      ok -> {
                        if (found.isEmpty()) {
                          return form(
                              403, email, "No author has the e-mail address " + email + ".");
                        }
                        if (!ok) {
                          return form(403, email, "Wrong password for " + email + ".");
                        }
                        Author a = found.get();
                        CompletableFuture<?> renew =
                            passwords.needsRehash(hash)
                                ? loop.runInExecutor(() -> passwords.hash(password))
                                    .thenCompose(h -> db(store.updatePasswordHash(a.id(), h)))
                                : CompletableFuture.completedFuture(null);
                        return renew.thenAccept(
                            x -> {
                              logIn(a);
                              redirect(next, 303);
                            });
                      });
            });
  }

  private CompletableFuture<Void> form(int status, String email, String error) {
    return page(
        status, "blog/login.html", "email", email, "error", error, "next", getArgument("next", ""));
  }
}
