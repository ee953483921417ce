package io.squall.bench.load;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.squall.bench.template.Fortune;
import io.squall.bench.template.Fortunes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * The fortunes scenario's database: an embedded in-memory H2 database with TechEmpower's twelve
 * fortunes, made once per server JVM. Squall reads it through {@code io.squall.db.Database}; the
 * Java peers through a HikariCP pool and plain JDBC, and build the page as a string with escaping.
 */
final class FortuneDb {
  /** The in-memory database, kept while the JVM lives. */
  static final String URL = "jdbc:h2:mem:fortunes;DB_CLOSE_DELAY=-1";

  static final String SELECT = "SELECT id, message FROM fortune";

  /** Connections in each server's pool (Squall's default). */
  static final int POOL_SIZE = 10;

  private FortuneDb() {}

  /** Creates the table and its twelve rows (idempotent). */
  static void create() {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS fortune (id INT PRIMARY KEY, message VARCHAR(2048))");
      s.execute("DELETE FROM fortune");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO fortune VALUES (?, ?)")) {
        for (Fortune f : Fortunes.rows()) {
          if (f.id() != 0) {
            p.setInt(1, f.id());
            p.setString(2, f.message());
            p.addBatch();
          }
        }
        p.executeBatch();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the fortunes database", e);
    }
  }

  /** A pool over the database, for the peers. */
  static DataSource pool() {
    create();
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(URL);
    cfg.setMaximumPoolSize(POOL_SIZE);
    return new HikariDataSource(cfg);
  }

  /** Reads every stored fortune with a connection from {@code pool}. */
  static List<Fortune> query(DataSource pool) {
    try (Connection c = pool.getConnection()) {
      return query(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Fortune> query(Connection c) throws SQLException {
    List<Fortune> rows = new ArrayList<>(16);
    try (PreparedStatement p = c.prepareStatement(SELECT);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        rows.add(new Fortune(r.getInt(1), r.getString(2)));
      }
    }
    return rows;
  }

  /** Adds the request-time fortune and sorts by message, as TechEmpower asks. */
  static List<Fortune> withExtra(List<Fortune> stored) {
    List<Fortune> rows = new ArrayList<>(stored.size() + 1);
    rows.addAll(stored);
    rows.add(new Fortune(0, "Additional fortune added at request time."));
    rows.sort(Comparator.comparing(Fortune::message));
    return rows;
  }

  /** The page built as a string, messages HTML-escaped: what the peers without templates send. */
  static String html(List<Fortune> rows) {
    StringBuilder b = new StringBuilder(1200);
    b.append("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>")
        .append("<tr><th>id</th><th>message</th></tr>");
    for (Fortune f : rows) {
      b.append("<tr><td>").append(f.id()).append("</td><td>");
      escape(b, f.message());
      b.append("</td></tr>");
    }
    return b.append("</table></body></html>").toString();
  }

  /** Escapes {@code & < > " '} as Squall's {@code xhtml_escape} does. */
  static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
  }
}
