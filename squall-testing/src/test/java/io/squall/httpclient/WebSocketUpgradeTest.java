package io.squall.httpclient;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.squall.websocket.WebSocketClient;
import io.squall.websocket.WebSocketConnection;
import io.squall.websocket.WebSocketHandshakeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * WebSocketClient opens its connection through the HTTP client's connection code: a frame the
 * server sends in the same packet as its 101 is not lost, and a malformed handshake response is a
 * handshake error.
 */
class WebSocketUpgradeTest {

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      if (b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        break;
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private static String accept(String head) throws Exception {
    String key = null;
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
        key = line.substring(18).strip();
      }
    }
    byte[] sha =
        MessageDigest.getInstance("SHA-1")
            .digest(
                (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
    return Base64.getEncoder().encodeToString(sha);
  }

  @Test
  void frameRightAfterThe101IsDelivered() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket s = server.accept()) {
                      String head = readHead(s.getInputStream());
                      byte[] reply =
                          ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                                  + "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                                  + accept(head)
                                  + "\r\n\r\n")
                              .getBytes(StandardCharsets.ISO_8859_1);
                      byte[] frame = {(byte) 0x81, 5, 'h', 'e', 'l', 'l', 'o'};
                      byte[] all = new byte[reply.length + frame.length];
                      System.arraycopy(reply, 0, all, 0, reply.length);
                      System.arraycopy(frame, 0, all, reply.length, frame.length);
                      s.getOutputStream().write(all); // one write: one segment on loopback
                      s.getInputStream().read(); // until the client goes
                    } catch (Exception e) {
                      // the test fails on the client side
                    }
                  });
      io.squall.ioloop.IOLoop loop = io.squall.ioloop.IOLoop.startOnNewThread("ws-client");
      try {
        WebSocketConnection conn =
            WebSocketClient.connect(
                    "ws://127.0.0.1:" + server.getLocalPort() + "/",
                    io.squall.websocket.WebSocketClientOptions.builder().loop(loop).build())
                .get(10, SECONDS);
        assertThat(conn.readMessage().get(10, SECONDS).asText()).isEqualTo("hello");
        conn.close();
      } finally {
        loop.shutdown();
        t.join(10_000);
      }
    }
  }

  @Test
  void malformedHandshakeResponseIsAHandshakeError() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread t =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket s = server.accept()) {
                      readHead(s.getInputStream());
                      s.getOutputStream()
                          .write("HTTP/1.1 101 Switching\r\nBad Header\r\n\r\n".getBytes());
                      s.getInputStream().read();
                    } catch (Exception e) {
                      // see the client side
                    }
                  });
      io.squall.ioloop.IOLoop loop = io.squall.ioloop.IOLoop.startOnNewThread("ws-client");
      try {
        ExecutionException e =
            org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () ->
                    WebSocketClient.connect(
                            "ws://127.0.0.1:" + server.getLocalPort() + "/",
                            io.squall.websocket.WebSocketClientOptions.builder().loop(loop).build())
                        .get(10, SECONDS));
        assertThat(e.getCause())
            .isInstanceOf(WebSocketHandshakeException.class)
            .hasMessageContaining("header line without a colon");
      } finally {
        loop.shutdown();
        t.join(10_000);
      }
    }
  }
}
