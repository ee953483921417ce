package io.squall.demos.blog;

import io.squall.ioloop.IOLoop;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /blog/auth/create}: the sign-up form, and the new author. The password is hashed off the
 * loop; an e-mail that an author has already gets the form back with a 409 and changes nothing;
 * other mistakes get it back with a 400. A new author is logged in at once.
 */
final class SignUpHandler extends BlogHandler {
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 1000;
  static final int MAX_NAME = 100;
  static final int MAX_EMAIL = 254;

  SignUpHandler(BlogDemo.Blog blog) {
    super(blog);
  }

  /** The form. */
  public CompletableFuture<Void> get(String... pathArgs) {
    return form(200, "", "", null);
  }

  /** Creates the author, logs them in and redirects to {@code next} (303). */
  public CompletableFuture<Void> post(String... pathArgs) {
    String next = next();
    String email = getBodyArgument("email", "").strip().toLowerCase(Locale.ROOT);
    String name = getBodyArgument("name", "").strip();
    String password = getBodyArgument("password", "", false);
    String error = problem(email, name, password);
    if (error != null) {
      return form(400, email, name, error);
    }
    return IOLoop.current()
        .runInExecutor(() -> passwords.hash(password))
        .thenCompose(hash -> db(store.createAuthor(email, name, hash)))
        .thenAccept(
            author -> {
              logIn(author);
              redirect(next, 303);
            })
        .exceptionallyCompose(
            e -> {
              if (cause(e) instanceof DuplicateEmailException) {
                return form(
                    409,
                    email,
                    name,
                    "An author with the e-mail address " + email + " exists already. Log in?");
              }
              return CompletableFuture.failedFuture(e);
            });
  }

  private CompletableFuture<Void> form(int status, String email, String name, String error) {
    return page(
        status,
        "blog/signup.html",
        "email",
        email,
        "name",
        name,
        "error",
        error,
        "next",
        getArgument("next", ""),
        "min_password",
        MIN_PASSWORD);
  }

  static String problem(String email, String name, String password) {
    int at = email.indexOf('@');
    if (email.isEmpty()) {
      return "The e-mail address must not be empty.";
    }
    if (at <= 0 || at == email.length() - 1 || email.length() > MAX_EMAIL || email.contains(" ")) {
      return "That is not an e-mail address: " + email;
    }
    if (name.isEmpty()) {
      return "The name must not be empty.";
    }
    if (name.codePointCount(0, name.length()) > MAX_NAME) {
      return "The name must be at most " + MAX_NAME + " characters.";
    }
    if (password.length() < MIN_PASSWORD) {
      return "The password must have at least " + MIN_PASSWORD + " characters.";
    }
    if (password.length() > MAX_PASSWORD) {
      return "The password must be at most " + MAX_PASSWORD + " characters.";
    }
    return null;
  }
}
