package io.squall.ioloop;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Captures the events of one logger in memory for assertions and keeps them off the console while
 * it is open.
 */
final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final boolean wasAdditive;

  LogCapture(Class<?> loggerClass) {
    logger = (Logger) LoggerFactory.getLogger(loggerClass);
    appender.start();
    logger.addAppender(appender);
    wasAdditive = logger.isAdditive();
    logger.setAdditive(false);
  }

  /** A snapshot of the events captured so far. */
  List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  List<ILoggingEvent> events(Level level) {
    return events().stream().filter(e -> e.getLevel() == level).toList();
  }

  /** Waits until an event matches, polling; fails after {@code timeout}. */
  ILoggingEvent await(Predicate<ILoggingEvent> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (ILoggingEvent e : events()) {
        if (match.test(e)) {
          return e;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("no matching log event within " + timeout + "; got " + events());
      }
      Thread.sleep(5);
    }
  }

  /** Waits until at least {@code count} events of {@code level} were captured. */
  List<ILoggingEvent> awaitCount(Level level, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<ILoggingEvent> found = events(level);
      if (found.size() >= count) {
        return found;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "expected " + count + " " + level + " events within " + timeout + "; got " + found);
      }
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setAdditive(wasAdditive);
    appender.stop();
  }
}
