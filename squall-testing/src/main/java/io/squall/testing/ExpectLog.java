package io.squall.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Asserts that a log line was (or was not) written while a block ran, and keeps matching lines out
 * of the test output (Tornado's {@code ExpectLog}). Needs Logback as the SLF4J backend.
 *
 * <pre>{@code
 * try (ExpectLog log = ExpectLog.expect("squall.access", "404 GET /nowhere")) {
 *   client.fetch("/nowhere");
 * } // fails here when no such line was logged
 * }</pre>
 */
public final class ExpectLog implements AutoCloseable {
  private final Logger logger;
  private final Pattern pattern;
  private final boolean required;
  private final boolean forbidden;
  private final List<ILoggingEvent> matched = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender;
  private final Level previousLevel;
  private final boolean previousAdditive;

  private ExpectLog(String loggerName, String regex, boolean required, boolean forbidden) {
    this.forbidden = forbidden;
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    this.pattern = Pattern.compile(regex);
    this.required = required;
    this.previousLevel = logger.getLevel();
    this.previousAdditive = logger.isAdditive();
    this.appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            String text = e.getFormattedMessage();
            if (pattern.matcher(text).find()) {
              matched.add(e);
            } else if (previousAdditive) {
              // pass other lines on to the usual output
              for (Logger l = parent(logger); l != null; l = parent(l)) {
                l.iteratorForAppenders().forEachRemaining(a -> a.doAppend(e));
                if (!l.isAdditive()) {
                  break;
                }
              }
            }
          }
        };
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
    logger.setAdditive(false);
    if (previousLevel == null || !logger.isInfoEnabled()) {
      logger.setLevel(Level.ALL);
    }
  }

  private static Logger parent(Logger l) {
    String name = l.getName();
    if (name.equals(Logger.ROOT_LOGGER_NAME)) {
      return null;
    }
    int dot = name.lastIndexOf('.');
    return (Logger)
        LoggerFactory.getLogger(dot < 0 ? Logger.ROOT_LOGGER_NAME : name.substring(0, dot));
  }

  /** Expects a line of {@code loggerName} (or a child) matching {@code regex} (found anywhere). */
  public static ExpectLog expect(String loggerName, String regex) {
    return new ExpectLog(loggerName, regex, true, false);
  }

  /** Captures matching lines without requiring one; check with {@link #count()}. */
  public static ExpectLog capture(String loggerName, String regex) {
    return new ExpectLog(loggerName, regex, false, false);
  }

  /** Expects that no line of {@code loggerName} matches {@code regex}. */
  public static ExpectLog forbid(String loggerName, String regex) {
    return new ExpectLog(loggerName, regex, false, true);
  }

  /** How many matching lines were logged so far. */
  public int count() {
    return matched.size();
  }

  /** The matching lines so far. */
  public List<String> lines() {
    return matched.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** Stops capturing; fails when a required line is missing or a forbidden one appeared. */
  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
    logger.setAdditive(previousAdditive);
    logger.setLevel(previousLevel);
    if (required && matched.isEmpty()) {
      throw new AssertionError(
          "expected a log line of " + logger.getName() + " matching " + pattern);
    }
    if (forbidden && !matched.isEmpty()) {
      throw new AssertionError(
          "did not expect log lines of "
              + logger.getName()
              + " matching "
              + pattern
              + ": "
              + lines());
    }
  }
}
