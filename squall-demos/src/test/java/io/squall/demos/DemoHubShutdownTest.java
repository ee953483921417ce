package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.testing.RawConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The hub as a real process: on SIGTERM it stops accepting, lets the request in flight finish,
 * closes idle keep-alive connections, and exits with status 0.
 */
class DemoHubShutdownTest {
  private static final long WAIT = 10;
  private static final Pattern READY =
      Pattern.compile("Squall demo hub ready at http://localhost:(\\d+)/");

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void sigtermDrainsInFlightRequestsClosesIdleOnesAndExitsWithZero() throws Exception {
    Child hub = Child.start("--port=0");
    try {
      int port = Integer.parseInt(hub.awaitLine(READY).group(1));
      assertThat(port).as("the ready line names the real port").isPositive();

      try (RawConnection idle = RawConnection.open("127.0.0.1", port);
          RawConnection busy = RawConnection.open("127.0.0.1", port)) {
        // A keep-alive connection that has served a request and now waits for the next one.
        idle.send("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawConnection.Response hello = idle.readResponse();
        assertThat(hello.text()).isEqualTo("Hello, world");
        assertThat(hello.header("Connection")).isNotEqualToIgnoringCase("close");

        // A request in flight. Its one-byte body with "Expect: 100-continue" makes the server
        // say when it has read the head: a request still in the socket would look idle.
        busy.send(
            "GET /slow/async?seconds=2 HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 1\r\nExpect: 100-continue\r\n\r\n");
        assertThat(busy.readResponse().status()).isEqualTo(100);
        busy.send("x");

        hub.process.toHandle().destroy(); // SIGTERM; unlike Process.destroy() keeps our pipes

        assertThat(idle.isClosedByServer()).as("idle keep-alive connection closed").isTrue();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
            .as("new connections are refused")
            .isInstanceOf(ConnectException.class);

        RawConnection.Response r = busy.readResponse();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("waited 2.0s with callLater\n");
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(busy.isClosedByServer()).as("closed after its response").isTrue();
      }

      assertThat(hub.process.waitFor(WAIT, TimeUnit.SECONDS)).as("the hub exits").isTrue();
      assertThat(hub.process.exitValue()).as("exit status; output:%n%s", hub.output()).isZero();
      hub.awaitLine(Pattern.compile("SIGTERM received"));
      assertThat(hub.outputToTheEnd()).doesNotContain("ERROR", "Exception");
    } finally {
      hub.process.destroyForcibly();
    }
  }

  @Test
  void badPortEndsWithAMessageAndStatus2() throws Exception {
    Child hub = Child.start("--port=x");
    try {
      assertThat(hub.process.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process.exitValue()).isEqualTo(2);
      assertThat(hub.outputToTheEnd()).isEqualTo("--port wants a number from 0 to 65535, got 'x'");
    } finally {
      hub.process.destroyForcibly();
    }
  }

  /** The hub in a child JVM on this test's class path, its output lines queued as they come. */
  private record Child(
      Process process,
      BlockingQueue<String> lines,
      List<String> seen,
      CompletableFuture<Void> eof) {
    static Child start(String... args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-XX:TieredStopAtLevel=1");
      cmd.add("-Xshare:auto");
      // The demos' own logging set-up (INFO), not the tests' logback-test.xml.
      cmd.add("-Dlogback.configurationFile=logback.xml");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(DemoHub.class.getName());
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      CompletableFuture<Void> eof = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("<read failed: " + e + ">");
                } finally {
                  eof.complete(null);
                }
              });
      return new Child(p, lines, new ArrayList<>(), eof);
    }

    /** Waits for a line matching {@code pattern} (found anywhere in it). */
    Matcher awaitLine(Pattern pattern) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT * 2);
      for (String line : seen) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
      while (true) {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null) {
          throw new AssertionError("the hub never printed " + pattern + "; output:\n" + output());
        }
        seen.add(line);
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m;
        }
      }
    }

    /** Everything the hub printed, once it closed its output (it has exited). */
    String outputToTheEnd() throws Exception {
      eof.get(WAIT, TimeUnit.SECONDS);
      return output();
    }

    /** Everything the hub printed so far. */
    String output() {
      lines.drainTo(seen);
      return String.join("\n", seen);
    }
  }
}
