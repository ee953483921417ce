package io.squall.demos.blog;

import io.squall.db.Database;
import io.squall.db.DatabaseOptions;
import io.squall.demos.DemoArgs;
import io.squall.demos.DemoLayout;
import io.squall.demos.tasks.TaskStore;
import io.squall.http.HttpServer;
import io.squall.ioloop.IOLoop;
import io.squall.web.Application;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Tornado's blog demo on Squall: authors sign up and log in, write posts in Markdown, and edit
 * their own posts; everyone reads the latest posts, the archive, a page per post and an Atom feed.
 *
 * <p>Routes, relative to {@link #PREFIX} where the hub mounts it: {@code GET /} (the five latest
 * posts), {@code GET /archive}, {@code GET /entry/SLUG}, {@code GET /feed} (Atom 1.0), {@code GET
 * and POST /compose} (new post; {@code ?id=N} edits post N, its author only), {@code GET and POST
 * /auth/create} (sign up), {@code /auth/login}, and {@code POST /auth/logout}.
 *
 * <p>How it is kept safe: passwords are hashed with Argon2id ({@link Passwords}) off the loop; the
 * session is a signed cookie ({@code setSignedCookie}), so a tampered one reads as logged out;
 * {@code @Authenticated} guards the compose page; every form carries an XSRF token ({@code
 * xsrfCookies}), and a POST without a valid one gets 403; Markdown is rendered with HTML escaped
 * and unsafe URLs dropped ({@link Markdown}). Posts live in the database through {@code squall-db},
 * with the tables from the Flyway migrations at {@link BlogStore#MIGRATIONS}.
 */
public final class BlogDemo {
  private BlogDemo() {}

  /** Where the hub mounts the blog. */
  public static final String PREFIX = "/blog";

  /** The blog's name in its pages and feed. */
  public static final String TITLE = "Squall Blog";

  /** The cookie secret's file in the data directory. */
  static final String SECRET_FILE = "blog-cookie-secret";

  private static BlogStore inMemory;

  /**
   * What the handlers share.
   *
   * @param store the posts and authors
   * @param passwords the password hasher
   */
  public record Blog(BlogStore store, Passwords passwords) {}

  /**
   * Opens {@code url} with both demos' tables, the task list's and the blog's (they share one
   * database and one Flyway history: the hub's {@code --db}).
   *
   * @throws io.squall.db.DatabaseUnavailableException when it cannot be reached
   */
  public static Database openDatabase(String url) {
    return Database.open(
        DatabaseOptions.builder(url)
            .migrations(TaskStore.MIGRATIONS, BlogStore.MIGRATIONS)
            .build());
  }

  /**
   * One in-memory H2 blog per JVM, opened on first use and kept until the JVM exits: for hubs
   * without a database of their own (tests), never for posts that must last.
   */
  public static synchronized BlogStore inMemoryStore() {
    if (inMemory == null) {
      inMemory = new BlogStore(openDatabase("jdbc:h2:mem:squall-demo-blog;DB_CLOSE_DELAY=-1"));
    }
    return inMemory;
  }

  /** A new random cookie secret: sessions then last as long as the process. */
  public static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * The cookie secret kept in {@code dataDir}, made at the first start (readable by the owner
   * only), so sessions survive a restart of the hub.
   */
  public static String cookieSecret(Path dataDir) {
    Path file = dataDir.resolve(SECRET_FILE);
    try {
      if (Files.exists(file)) {
        String s = Files.readString(file).strip();
        if (s.length() >= 32) {
          return s;
        }
      }
      Files.createDirectories(dataDir);
      String s = randomSecret();
      Path tmp = Files.createTempFile(dataDir, SECRET_FILE, ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions apply
      }
      Files.writeString(tmp, s + "\n", StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the blog's cookie secret in " + file, e);
    }
  }

  /**
   * The blog over {@code store}, signing sessions with {@code cookieSecret}; mount it at {@link
   * #PREFIX}.
   */
  public static Application app(BlogStore store, String cookieSecret) {
    Blog blog = new Blog(store, new Passwords());
    return Application.builder()
        .route("/", () -> new HomeHandler(blog), "blog.home")
        .route("/archive", () -> new ArchiveHandler(blog), "blog.archive")
        .route("/feed", () -> new FeedHandler(blog), "blog.feed")
        .route("/entry/([^/]+)", () -> new EntryHandler(blog), "blog.entry")
        .route("/compose", () -> new ComposeHandler(blog), "blog.compose")
        .route("/auth/create", () -> new SignUpHandler(blog), "blog.signup")
        .route("/auth/login", () -> new LoginHandler(blog), "blog.login")
        .route("/auth/logout", () -> new LogoutHandler(blog), "blog.logout")
        .settings(
            DemoLayout.settings()
                .cookieSecret(cookieSecret)
                .xsrfCookies(true)
                .loginUrl(PREFIX + "/auth/login")
                .compressResponse(true)
                .build())
        .build();
  }

  /**
   * Serves the blog alone at {@code /blog/}: {@code --port=N}, {@code --db=JDBC_URL} (default: the
   * hub's H2 file under {@code --data-dir}).
   */
  public static void main(String[] args) {
    Path dir = DemoArgs.dataDir(args);
    String url = DemoArgs.option(args, "db");
    if (url == null) {
      url = io.squall.demos.tasks.TasksDemo.h2Url(dir);
    }
    Database db = openDatabase(url);
    Application app =
        Application.builder().mount(PREFIX, app(new BlogStore(db), cookieSecret(dir))).build();
    HttpServer server = DemoArgs.listen(app, args);
    System.out.println("Blog at http://localhost:" + server.port() + PREFIX + "/ (" + url + ")");
    IOLoop.current().start();
    db.close();
  }
}
