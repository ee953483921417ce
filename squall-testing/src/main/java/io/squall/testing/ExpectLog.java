package io.squall.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
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
 *
 * <p>A line matches when its logger is {@code loggerName} or a child of it, its formatted message
 * contains a match of the regex, and, when a level is given, it was logged at exactly that level.
 * While the block runs the logger is opened to the level needed to see such lines; lines that do
 * not match still reach the usual output when they would have before. {@code "ROOT"} names the root
 * logger.
 */
public final class ExpectLog implements AutoCloseable {
  private final Logger logger;
  private final Pattern pattern;
  private final Level level;
  private final boolean required;
  private final boolean forbidden;
  private final List<ILoggingEvent> matched = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> appender;
  private final List<Appender<ILoggingEvent>> ownAppenders = new ArrayList<>();
  private final Level previousLevel;
  private final Level previousEffectiveLevel;
  private final boolean previousAdditive;

  private ExpectLog(
      String loggerName,
      String regex,
      org.slf4j.event.Level slf4jLevel,
      boolean required,
      boolean forbidden) {
    this.forbidden = forbidden;
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    this.pattern = Pattern.compile(regex);
    this.level = slf4jLevel == null ? null : Level.convertAnSLF4JLevel(slf4jLevel);
    this.required = required;
    this.previousLevel = logger.getLevel();
    this.previousEffectiveLevel = logger.getEffectiveLevel();
    this.previousAdditive = logger.isAdditive();
    this.appender =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent e) {
            if (matches(e)) {
              matched.add(e);
            } else if (e.getLevel().isGreaterOrEqual(previousEffectiveLevel)) {
              passOn(e);
            }
          }
        };
    appender.setContext(logger.getLoggerContext());
    appender.start();
    // take over the logger: its own appenders and its parents' see only what we pass on
    logger.iteratorForAppenders().forEachRemaining(ownAppenders::add);
    for (Appender<ILoggingEvent> a : ownAppenders) {
      logger.detachAppender(a);
    }
    logger.addAppender(appender);
    logger.setAdditive(false);
    Level needed = level == null ? Level.ALL : level;
    if (previousEffectiveLevel.toInt() > needed.toInt()) {
      logger.setLevel(needed);
    }
  }

  private boolean matches(ILoggingEvent e) {
    return (level == null || e.getLevel() == level)
        && pattern.matcher(e.getFormattedMessage()).find();
  }

  /** Sends a line that does not match where it would have gone without this capture. */
  private void passOn(ILoggingEvent e) {
    for (Appender<ILoggingEvent> a : ownAppenders) {
      a.doAppend(e);
    }
    if (!previousAdditive) {
      return;
    }
    for (Logger l = parent(logger); l != null; l = parent(l)) {
      l.iteratorForAppenders().forEachRemaining(a -> a.doAppend(e));
      if (!l.isAdditive()) {
        break;
      }
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
    return new ExpectLog(loggerName, regex, null, true, false);
  }

  /** As {@link #expect(String, String)}, for a line logged at {@code level} only. */
  public static ExpectLog expect(String loggerName, String regex, org.slf4j.event.Level level) {
    return new ExpectLog(loggerName, regex, level, true, false);
  }

  /** Captures matching lines without requiring one; check with {@link #count()}. */
  public static ExpectLog capture(String loggerName, String regex) {
    return new ExpectLog(loggerName, regex, null, false, false);
  }

  /** As {@link #capture(String, String)}, for lines logged at {@code level} only. */
  public static ExpectLog capture(String loggerName, String regex, org.slf4j.event.Level level) {
    return new ExpectLog(loggerName, regex, level, false, false);
  }

  /** Expects that no line of {@code loggerName} matches {@code regex}. */
  public static ExpectLog forbid(String loggerName, String regex) {
    return new ExpectLog(loggerName, regex, null, false, true);
  }

  /**
   * Expects that no line of {@code loggerName} at {@code level} matches {@code regex}, e.g. {@code
   * forbid("ROOT", "", Level.ERROR)} for "no errors at all".
   */
  public static ExpectLog forbid(String loggerName, String regex, org.slf4j.event.Level level) {
    return new ExpectLog(loggerName, regex, level, false, true);
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
    for (Appender<ILoggingEvent> a : ownAppenders) {
      logger.addAppender(a);
    }
    logger.setAdditive(previousAdditive);
    logger.setLevel(previousLevel);
    String what = "log lines of " + logger.getName() + (level == null ? "" : " at " + level);
    if (required && matched.isEmpty()) {
      throw new AssertionError("expected " + what + " matching " + pattern);
    }
    if (forbidden && !matched.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (ILoggingEvent e : matched) {
        sb.append("\n  ").append(e.getLevel()).append(' ').append(e.getFormattedMessage());
        for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          sb.append("\n    caused by ")
              .append(t.getClassName())
              .append(": ")
              .append(t.getMessage());
        }
      }
      throw new AssertionError("did not expect " + what + " matching " + pattern + ":" + sb);
    }
  }
}
