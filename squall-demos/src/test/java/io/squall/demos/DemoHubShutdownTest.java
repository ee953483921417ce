package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.testing.RawConnection;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
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
    HubProcess hub = HubProcess.start("--port=0");
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

        hub.process().toHandle().destroy(); // SIGTERM; unlike Process.destroy() keeps our pipes

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

      assertThat(hub.process().waitFor(WAIT, TimeUnit.SECONDS)).as("the hub exits").isTrue();
      assertThat(hub.process().exitValue()).as("exit status; output:%n%s", hub.output()).isZero();
      hub.awaitLine(Pattern.compile("SIGTERM received"));
      assertThat(hub.outputToTheEnd()).doesNotContain("ERROR", "Exception");
    } finally {
      hub.process().destroyForcibly();
    }
  }

  @Test
  void badPortEndsWithAMessageAndStatus2() throws Exception {
    HubProcess hub = HubProcess.start("--port=x");
    try {
      assertThat(hub.process().waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
      assertThat(hub.process().exitValue()).isEqualTo(2);
      assertThat(hub.outputToTheEnd()).isEqualTo("--port wants a number from 0 to 65535, got 'x'");
    } finally {
      hub.process().destroyForcibly();
    }
  }
}
