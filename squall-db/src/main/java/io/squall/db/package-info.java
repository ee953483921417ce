/**
 * The database on the loop without blocking it (the Java form of tornado-sqlalchemy's {@code
 * as_future}): {@link io.squall.db.Database} runs JDBC work through a HikariCP pool on virtual
 * threads and completes a {@link java.util.concurrent.CompletableFuture} back on the calling {@link
 * io.squall.ioloop.IOLoop}, with Jdbi for SQL and row mapping and Flyway migrations at start-up.
 */
package io.squall.db;
