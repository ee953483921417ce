package io.squall.db;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach and pool a database: built with {@link #builder(String)}, given to {@link
 * Database#open(DatabaseOptions)}. Every setting has a default that suits a small service.
 *
 * @param url the JDBC URL ({@code jdbc:h2:file:...}, {@code jdbc:postgresql://host:port/db ...})
 * @param user the user name, or null when the URL carries it (or none is needed)
 * @param password the password, or null
 * @param poolSize the most connections the pool holds open (HikariCP's {@code maximumPoolSize})
 * @param connectionTimeout the longest a call waits for a connection before it fails with {@link
 *     DatabaseUnavailableException}; at least 250 ms
 * @param maxLifetime the age at which an idle connection is retired and replaced; at least 30 s
 * @param maxPending the most calls queued or running at once; one more fails at once with {@link
 *     DatabaseUnavailableException} instead of queueing without bound
 * @param migrations Flyway locations ({@code classpath:db/migration}, {@code filesystem:/dir})
 *     migrated at {@link Database#open}; empty for none
 */
public record DatabaseOptions(
    String url,
    String user,
    String password,
    int poolSize,
    Duration connectionTimeout,
    Duration maxLifetime,
    int maxPending,
    List<String> migrations) {

  /** Default {@link #poolSize()}. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /** Default {@link #connectionTimeout()}. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  /** Default {@link #maxLifetime()}. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);

  /** Default {@link #maxPending()}. */
  public static final int DEFAULT_MAX_PENDING = 1000;

  /**
   * Checks the settings.
   *
   * @throws IllegalArgumentException for a URL that is not {@code jdbc:...} or a setting out of
   *     range, with the setting named
   */
  public DatabaseOptions {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("database URL must start with 'jdbc:', got '" + url + "'");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
    }
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException(
          "connectionTimeout must be at least 250 ms, got " + connectionTimeout);
    }
    if (maxLifetime.toSeconds() < 30) {
      throw new IllegalArgumentException("maxLifetime must be at least 30 s, got " + maxLifetime);
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, got " + maxPending);
    }
    migrations = List.copyOf(migrations);
  }

  /** A builder for {@code url} with every other setting at its default. */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  /** Builds {@link DatabaseOptions}. */
  public static final class Builder {
    private final String url;
    private String user;
    private String password;
    private int poolSize = DEFAULT_POOL_SIZE;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private int maxPending = DEFAULT_MAX_PENDING;
    private List<String> migrations = List.of();

    private Builder(String url) {
      this.url = url;
    }

    /** Sets {@link DatabaseOptions#user()} and {@link DatabaseOptions#password()}. */
    public Builder credentials(String user, String password) {
      this.user = user;
      this.password = password;
      return this;
    }

    /** Sets {@link DatabaseOptions#poolSize()}. */
    public Builder poolSize(int size) {
      this.poolSize = size;
      return this;
    }

    /** Sets {@link DatabaseOptions#connectionTimeout()}. */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = Objects.requireNonNull(timeout);
      return this;
    }

    /** Sets {@link DatabaseOptions#maxLifetime()}. */
    public Builder maxLifetime(Duration lifetime) {
      this.maxLifetime = Objects.requireNonNull(lifetime);
      return this;
    }

    /** Sets {@link DatabaseOptions#maxPending()}. */
    public Builder maxPending(int calls) {
      this.maxPending = calls;
      return this;
    }

    /** Sets the Flyway locations migrated at start-up ({@link DatabaseOptions#migrations()}). */
    public Builder migrations(String... locations) {
      this.migrations = List.of(locations);
      return this;
    }

    /** The options; checked here. */
    public DatabaseOptions build() {
      return new DatabaseOptions(
          url, user, password, poolSize, connectionTimeout, maxLifetime, maxPending, migrations);
    }
  }
}
