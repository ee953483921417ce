package io.squall.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.squall.web.Application;
import io.squall.web.RequestHandler;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The @SquallTest extension, run on sample test classes through the JUnit launcher. */
class SquallExtensionTest {
  static final List<Integer> ports = new ArrayList<>();

  /** Answers "ok". */
  public static class Ok extends RequestHandler {
    public void get() {
      write("ok");
    }
  }

  /** A working sample: two tests, each with a server of its own. */
  @SquallTest
  static class Sample {
    @TestApplication
    Application app() {
      return Application.builder().route("/", Ok::new).build();
    }

    @Test
    void first(SquallClient client) {
      ports.add(client.port());
      assertThat(client.fetch("/").text()).isEqualTo("ok");
    }

    @Test
    void second(SquallClient client) {
      ports.add(client.port());
      assertThat(client.fetch("/").text()).isEqualTo("ok");
    }
  }

  /** Forgot the application. */
  @SquallTest
  static class NoApplication {
    @Test
    void test(SquallClient client) {}
  }

  /** The application method fails. */
  @SquallTest
  static class BrokenApplication {
    @TestApplication
    Application app() {
      throw new IllegalStateException("cannot build the app");
    }

    @Test
    void test(SquallClient client) {}
  }

  /** A subclass inherits the annotation and the application method. */
  static class Inherited extends Sample {}

  private static List<Throwable> run(Class<?> testClass) {
    List<Throwable> failures = new ArrayList<>();
    List<String> passed = new ArrayList<>();
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        request,
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
              return;
            }
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
              passed.add(id.getDisplayName());
            } else {
              failures.add(result.getThrowable().orElse(new AssertionError("failed")));
            }
          }
        });
    if (failures.isEmpty() && passed.isEmpty()) {
      failures.add(new AssertionError("no test ran"));
    }
    return failures;
  }

  @Test
  void eachTestGetsItsOwnServerStoppedAfterwards() {
    ports.clear();
    assertThat(run(Sample.class)).isEmpty();
    assertThat(ports).hasSize(2);
    for (int port : ports) {
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void inheritedSetupWorks() {
    ports.clear();
    assertThat(run(Inherited.class)).isEmpty();
    assertThat(ports).hasSize(2);
  }

  @Test
  void missingApplicationMethodIsReported() {
    List<Throwable> failures = run(NoApplication.class);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).hasMessageContaining("@TestApplication");
  }

  @Test
  void failingApplicationMethodIsReported() {
    List<Throwable> failures = run(BrokenApplication.class);
    assertThat(failures).hasSize(1);
    assertThat(failures.get(0)).hasMessageContaining("cannot build the app");
  }
}
