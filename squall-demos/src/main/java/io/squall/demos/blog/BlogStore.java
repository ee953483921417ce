package io.squall.demos.blog;

import io.squall.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The blog's authors and posts, through a {@link Database}: every method returns at once and its
 * future completes on the calling loop. The SQL runs unchanged on H2 and PostgreSQL. Thread-safe.
 */
public final class BlogStore {
  /** The Flyway location of the blog's tables. */
  public static final String MIGRATIONS = "classpath:db/blog";

  private static final String ENTRY_COLUMNS =
      "e.id, e.author_id, a.name AS author_name, e.slug, e.title, e.markdown, e.html,"
          + " e.published, e.updated FROM blog_entries e JOIN blog_authors a ON a.id = e.author_id";

  private final Database db;

  /** A store over {@code db}, migrated with {@link #MIGRATIONS}. */
  public BlogStore(Database db) {
    this.db = db;
  }

  /** The database. */
  public Database database() {
    return db;
  }

  private static Author author(ResultSet rs) throws SQLException {
    return new Author(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("password_hash"));
  }

  private static Entry entry(ResultSet rs) throws SQLException {
    return new Entry(
        rs.getLong("id"),
        rs.getLong("author_id"),
        rs.getString("author_name"),
        rs.getString("slug"),
        rs.getString("title"),
        rs.getString("markdown"),
        rs.getString("html"),
        rs.getObject("published", OffsetDateTime.class).toInstant(),
        rs.getObject("updated", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime now() {
    // microseconds: what both databases keep, so a post reads back as it was written
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Adds an author; fails with {@link DuplicateEmailException} when one has {@code email} already
   * (the unique constraint decides, so two sign-ups at once cannot both win).
   */
  public CompletableFuture<Author> createAuthor(String email, String name, String passwordHash) {
    return db.withHandle(
        h -> {
          try {
            long id =
                h.createUpdate(
                        "INSERT INTO blog_authors (email, name, password_hash)"
                            + " VALUES (:email, :name, :hash)")
                    .bind("email", email)
                    .bind("name", name)
                    .bind("hash", passwordHash)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            return new Author(id, email, name, passwordHash);
          } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
              throw new DuplicateEmailException(email);
            }
            throw e;
          }
        });
  }

  /** The author with {@code email}, if any. */
  public CompletableFuture<Optional<Author>> authorByEmail(String email) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, email, name, password_hash FROM blog_authors WHERE email = :e")
                .bind("e", email)
                .map((rs, ctx) -> author(rs))
                .findOne());
  }

  /** Replaces an author's password hash (after a login with an old cost). */
  public CompletableFuture<Boolean> updatePasswordHash(long authorId, String passwordHash) {
    return db.withHandle(
        h ->
            h.createUpdate("UPDATE blog_authors SET password_hash = :h WHERE id = :id")
                    .bind("h", passwordHash)
                    .bind("id", authorId)
                    .execute()
                > 0);
  }

  /** The newest {@code limit} posts, newest first. */
  public CompletableFuture<List<Entry>> latest(int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + ENTRY_COLUMNS
                        + " ORDER BY e.published DESC, e.id DESC FETCH FIRST :n ROWS ONLY")
                .bind("n", limit)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  /** Every post, newest first. */
  public CompletableFuture<List<Entry>> all() {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + ENTRY_COLUMNS + " ORDER BY e.published DESC, e.id DESC")
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  /** The post named {@code slug}, if any. */
  public CompletableFuture<Optional<Entry>> bySlug(String slug) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + ENTRY_COLUMNS + " WHERE e.slug = :s")
                .bind("s", slug)
                .map((rs, ctx) -> entry(rs))
                .findOne());
  }

  /** The post {@code id}, if any. */
  public CompletableFuture<Optional<Entry>> byId(long id) {
    return db.withHandle(h -> findById(h, id));
  }

  private static Optional<Entry> findById(Handle h, long id) {
    return h.createQuery("SELECT " + ENTRY_COLUMNS + " WHERE e.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> entry(rs))
        .findOne();
  }

  /**
   * Publishes a post by {@code authorId}; its slug comes from the title, with {@code -2}, {@code
   * -3}... added when another post has it.
   */
  public CompletableFuture<Entry> create(long authorId, String title, String markdown) {
    return db.inTransaction(
        h -> {
          String html = Markdown.toHtml(markdown); // on the worker thread, not the loop
          String base = Slugs.of(title);
          String slug = base;
          for (int n = 2; exists(h, slug); n++) {
            slug = base + "-" + n;
          }
          OffsetDateTime now = now();
          long id =
              h.createUpdate(
                      "INSERT INTO blog_entries"
                          + " (author_id, slug, title, markdown, html, published, updated)"
                          + " VALUES (:a, :slug, :title, :md, :html, :now, :now)")
                  .bind("a", authorId)
                  .bind("slug", slug)
                  .bind("title", title)
                  .bind("md", markdown)
                  .bind("html", html)
                  .bind("now", now)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          return findById(h, id).orElseThrow();
        });
  }

  private static boolean exists(Handle h, String slug) {
    return h.createQuery("SELECT COUNT(*) FROM blog_entries WHERE slug = :s")
            .bind("s", slug)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** Changes the title and text of post {@code id} (its slug stays); empty when there is none. */
  public CompletableFuture<Optional<Entry>> update(long id, String title, String markdown) {
    return db.inTransaction(
        h -> {
          String html = Markdown.toHtml(markdown);
          int n =
              h.createUpdate(
                      "UPDATE blog_entries SET title = :title, markdown = :md, html = :html,"
                          + " updated = :now WHERE id = :id")
                  .bind("title", title)
                  .bind("md", markdown)
                  .bind("html", html)
                  .bind("now", now())
                  .bind("id", id)
                  .execute();
          return n == 0 ? Optional.<Entry>empty() : findById(h, id);
        });
  }

  /** How many posts there are. */
  public CompletableFuture<Long> count() {
    return db.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM blog_entries").mapTo(Long.class).one());
  }

  /** The time of {@code e}'s last change, for the feed. */
  static Instant lastChange(List<Entry> entries) {
    return entries.stream().map(Entry::updated).max(Instant::compareTo).orElse(Instant.now());
  }
}
