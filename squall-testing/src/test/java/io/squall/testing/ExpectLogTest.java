package io.squall.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ExpectLog fails when it should, keeps matched lines out of the output, and cleans up. */
class ExpectLogTest {
  private static final String NAME = "test.expectlog";
  private final Logger log = LoggerFactory.getLogger(NAME);
  private final Logger child = LoggerFactory.getLogger(NAME + ".child");
  private final ch.qos.logback.classic.Logger root =
      (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> output = new ListAppender<>();

  @BeforeEach
  void watchOutput() {
    output.start();
    root.addAppender(output);
  }

  @AfterEach
  void stopWatching() {
    root.detachAppender(output);
  }

  private java.util.List<String> printed() {
    return output.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  @Test
  void expectPassesWhenALineMatches() {
    try (ExpectLog e = ExpectLog.expect(NAME, "user \\d+ logged in")) {
      log.warn("user {} logged in", 42);
      assertThat(e.count()).isEqualTo(1);
      assertThat(e.lines()).containsExactly("user 42 logged in");
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void expectFailsWhenNoLineMatches() {
    ExpectLog e = ExpectLog.expect(NAME, "never logged");
    log.warn("something else");
    assertThatThrownBy(e::close)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never logged");
    // the other line went to the output as usual
    assertThat(printed()).containsExactly("something else");
  }

  @Test
  void expectSeesLinesBelowTheConfiguredLevel() {
    // the test configuration shows WARN and up only
    try (ExpectLog e = ExpectLog.expect(NAME, "debug detail")) {
      log.debug("debug detail");
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void linesBelowTheConfiguredLevelStayQuiet() {
    try (ExpectLog e = ExpectLog.capture(NAME, "wanted")) {
      log.debug("noise at debug");
      log.info("noise at info");
      log.warn("shown at warn");
    }
    assertThat(printed()).containsExactly("shown at warn");
  }

  @Test
  void expectCoversChildLoggers() {
    try (ExpectLog e = ExpectLog.expect(NAME, "from the child")) {
      child.error("from the child");
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void expectWithLevelNeedsThatLevel() {
    ExpectLog wrongLevel = ExpectLog.expect(NAME, "status", org.slf4j.event.Level.WARN);
    log.error("status 500");
    assertThatThrownBy(wrongLevel::close).isInstanceOf(AssertionError.class);
    try (ExpectLog e = ExpectLog.expect(NAME, "status", org.slf4j.event.Level.INFO)) {
      log.info("status 200");
    }
  }

  @Test
  void forbidFailsWhenALineMatches() {
    ExpectLog f = ExpectLog.forbid(NAME, "secret");
    log.warn("leaked the secret");
    assertThatThrownBy(f::close)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("leaked the secret");
  }

  @Test
  void forbidPassesOtherwise() {
    try (ExpectLog f = ExpectLog.forbid(NAME, "secret")) {
      log.warn("harmless");
    }
    assertThat(printed()).containsExactly("harmless");
  }

  @Test
  void forbidAtLevelIgnoresOtherLevels() {
    try (ExpectLog f = ExpectLog.forbid(NAME, "", org.slf4j.event.Level.ERROR)) {
      log.warn("only a warning");
    }
    ExpectLog f = ExpectLog.forbid(NAME, "", org.slf4j.event.Level.ERROR);
    log.error("an error");
    assertThatThrownBy(f::close).isInstanceOf(AssertionError.class);
  }

  @Test
  void forbidOnRootSeesEveryLogger() {
    ExpectLog f = ExpectLog.forbid("ROOT", "", org.slf4j.event.Level.ERROR);
    LoggerFactory.getLogger("some.other.logger").error("boom");
    assertThatThrownBy(f::close).isInstanceOf(AssertionError.class).hasMessageContaining("boom");
    assertThat(printed()).isEmpty();
  }

  @Test
  void captureCounts() {
    try (ExpectLog c = ExpectLog.capture(NAME, "tick")) {
      for (int i = 0; i < 3; i++) {
        log.info("tick {}", i);
      }
      assertThat(c.count()).isEqualTo(3);
    }
  }

  @Test
  void nestedCapturesBothSeeTheirLines() {
    try (ExpectLog outer = ExpectLog.expect(NAME, "outer");
        ExpectLog inner = ExpectLog.expect(NAME, "inner")) {
      log.warn("inner line");
      log.warn("outer line");
    }
    assertThat(printed()).isEmpty();
  }

  @Test
  void loggerIsRestored() {
    ch.qos.logback.classic.Logger l = (ch.qos.logback.classic.Logger) log;
    Level before = l.getLevel();
    boolean additive = l.isAdditive();
    try (ExpectLog e = ExpectLog.capture(NAME, "x")) {
      assertThat(l.isAdditive()).isFalse();
    }
    assertThat(l.getLevel()).isEqualTo(before);
    assertThat(l.isAdditive()).isEqualTo(additive);
    assertThat(l.iteratorForAppenders().hasNext()).isFalse();
    // the root keeps its own appenders and level
    Level rootLevel = root.getLevel();
    try (ExpectLog e = ExpectLog.capture("ROOT", "x")) {
      LoggerFactory.getLogger("elsewhere").warn("passes through");
    }
    assertThat(root.getLevel()).isEqualTo(rootLevel);
    assertThat(root.getAppender("STDOUT")).isNotNull();
    assertThat(printed()).containsExactly("passes through");
  }
}
