package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.testing.RawConnection;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
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

  /**
   * What HTTP draining cannot see: an open WebSocket gets a Close with 1001 (going away) and a
   * long-poll request waiting for news gets its answer, before the process exits with 0.
   */
  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void sigtermClosesWebSocketsWith1001AndAnswersWaitingLongPolls() throws Exception {
    HubProcess hub = HubProcess.start("--port=0");
    try {
      int port = Integer.parseInt(hub.awaitLine(READY).group(1));
      CompletableFuture<Integer> closeCode = new CompletableFuture<>();
      CompletableFuture<String> echoed = new CompletableFuture<>();
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.WebSocket ws =
          http.newWebSocketBuilder()
              .buildAsync(
                  java.net.URI.create("ws://127.0.0.1:" + port + "/ws/echo"),
                  new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(
                        java.net.http.WebSocket w, CharSequence data, boolean last) {
                      echoed.complete(data.toString());
                      w.request(1);
                      return null;
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(
                        java.net.http.WebSocket w, int code, String reason) {
                      closeCode.complete(code);
                      return null;
                    }
                  })
              .get(WAIT, TimeUnit.SECONDS);
      ws.sendText("still here", true).get(WAIT, TimeUnit.SECONDS);
      assertThat(echoed.get(WAIT, TimeUnit.SECONDS)).isEqualTo("still here");

      try (RawConnection poll = RawConnection.open("127.0.0.1", port)) {
        poll.send("GET /longpoll/ HTTP/1.1\r\nHost: localhost\r\n\r\n");
        RawConnection.Response page = poll.readResponse();
        String cookie = page.header("Set-Cookie");
        String xsrf = cookie.substring("_xsrf=".length(), cookie.indexOf(';'));
        // waits for the next message; with "Expect: 100-continue" we know it is being handled
        poll.send(
            "POST /longpoll/a/message/updates HTTP/1.1\r\nHost: localhost\r\n"
                + "Cookie: _xsrf="
                + xsrf
                + "\r\nX-Xsrftoken: "
                + xsrf
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 1\r\nExpect: 100-continue\r\n\r\n");
        assertThat(poll.readResponse().status()).isEqualTo(100);
        poll.send("x");

        hub.process().toHandle().destroy(); // SIGTERM

        RawConnection.Response answer;
        try {
          answer = poll.readResponse();
        } catch (RuntimeException e) {
          hub.process().waitFor(WAIT, TimeUnit.SECONDS);
          throw new AssertionError(
              "no answer to the long poll; hub output:\n" + hub.outputToTheEnd(), e);
        }
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{\"messages\":[]}");
        assertThat(closeCode.get(WAIT, TimeUnit.SECONDS)).isEqualTo(1001);
      }
      assertThat(hub.process().waitFor(WAIT, TimeUnit.SECONDS)).as("the hub exits").isTrue();
      assertThat(hub.process().exitValue()).as("exit status; output:%n%s", hub.output()).isZero();
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
