package io.squall.httpclient;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against a raw socket that answers with scripted bytes: every bad response ends the
 * fetch with a typed error and closes that connection; nothing hangs.
 */
class BadResponseTest {
  private HttpClient client;
  private RawServer server;

  @BeforeEach
  void setUp() {
    client = new HttpClient();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  /** Accepts connections; answers each with the next script and then holds it open or closes. */
  static final class RawServer implements AutoCloseable {
    final ServerSocket socket;
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** Completes when the client closed the connection (read saw EOF), one per connection. */
    final List<CompletableFuture<Void>> clientClosed = new CopyOnWriteArrayList<>();

    final Thread thread;

    RawServer(boolean closeAfter, String... responses) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                try {
                  for (String response : responses) {
                    Socket s = socket.accept();
                    CompletableFuture<Void> closed = new CompletableFuture<>();
                    clientClosed.add(closed);
                    Thread.ofVirtual().start(() -> serve(s, response, closeAfter, closed));
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "raw-server");
      thread.start();
    }

    private void serve(
        Socket s, String response, boolean closeAfter, CompletableFuture<Void> done) {
      try (s) {
        InputStream in = s.getInputStream();
        requests.add(readHead(in));
        s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        if (closeAfter) {
          return;
        }
        s.setSoTimeout(20_000);
        while (in.read() >= 0) {
          // drain until the client closes
        }
        done.complete(null);
      } catch (IOException e) {
        done.complete(null); // reset by the client counts as closed too
      }
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int matched = 0;
      int c;
      while (matched < 4 && (c = in.read()) >= 0) {
        b.write(c);
        matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
      }
      return b.toString(StandardCharsets.ISO_8859_1);
    }

    String url(String path) {
      return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.builder(server.url(path)).requestTimeout(Duration.ofSeconds(10)).build();
  }

  /** Serves {@code response} (held open) and expects the fetch to fail and close the socket. */
  private void refused(String response, Class<? extends Exception> type, String message)
      throws Exception {
    server = new RawServer(false, response);
    assertThatThrownBy(() -> client.fetch(get("/")))
        .isInstanceOf(type)
        .hasMessageContaining(message);
    awaitClientClosed(0);
  }

  private void awaitClientClosed(int connection) throws Exception {
    server.clientClosed.get(connection).get(10, SECONDS);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "SSH-2.0-OpenSSH_9.2\r\n\r\n",
        "HTTP/3.0 200 OK\r\n\r\n",
      })
  void malformedStatusLine(String response) throws Exception {
    refused(
        response,
        MalformedResponseError.class,
        response.startsWith("HTTP/3") ? "version" : "status line");
  }

  @Test
  void badChunking() throws Exception {
    refused(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nxyz\r\n",
        MalformedResponseError.class,
        "invalid chunk size line");
  }

  @Test
  void chunkDataNotFollowedByCrlf() throws Exception {
    refused(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloWORLD",
        MalformedResponseError.class,
        "CRLF");
  }

  @Test
  void bodyLongerThanContentLengthOnAKeepAliveConnection() throws Exception {
    refused(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokAND MORE",
        MalformedResponseError.class,
        "longer than its Content-Length (2)");
  }

  @Test
  void headerBlockOverTheLimit() throws Exception {
    server = new RawServer(false, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
    assertThatThrownBy(
            () -> client.fetch(HttpRequest.builder(server.url("/")).maxHeaderSize(8192).build()))
        .isInstanceOf(ResponseTooLargeError.class)
        .hasMessageContaining("maxHeaderSize");
    awaitClientClosed(0);
  }

  @Test
  void conflictingFraming() throws Exception {
    refused(
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        MalformedResponseError.class,
        "both Transfer-Encoding and Content-Length");
  }

  @Test
  void invalidHeaderLine() throws Exception {
    refused(
        "HTTP/1.1 200 OK\r\nGood: yes\r\nthis is not a header\r\n\r\n",
        MalformedResponseError.class,
        "header line without a colon");
  }

  @Test
  void unexpectedSwitchingProtocols() throws Exception {
    refused(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
        MalformedResponseError.class,
        "101");
  }

  @Test
  void truncatedBodyThenClose() throws Exception {
    server = new RawServer(true, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
    assertThatThrownBy(() -> client.fetch(get("/")))
        .isInstanceOf(HttpStreamClosedError.class)
        .hasMessageContaining("before the end of the response body");
  }

  @Test
  void closeWithoutAnyResponse() throws Exception {
    server = new RawServer(true, "");
    assertThatThrownBy(() -> client.fetch(get("/")))
        .isInstanceOf(HttpStreamClosedError.class)
        .hasMessageContaining("before any response");
  }

  @Test
  void stallMidBodyEndsWithTheRequestTimeout() throws Exception {
    server = new RawServer(false, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npart");
    assertThatThrownBy(
            () ->
                client.fetch(
                    HttpRequest.builder(server.url("/"))
                        .requestTimeout(Duration.ofMillis(300))
                        .build()))
        .isInstanceOf(HttpTimeoutError.class);
    awaitClientClosed(0);
  }

  @Test
  void bodyUntilCloseForHttp10() throws Exception {
    server =
        new RawServer(true, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
    HttpResponse r = client.fetch(get("/"));
    assertThat(r.text()).isEqualTo("until the end");
    assertThat(server.requests.get(0))
        .startsWith("GET / HTTP/1.1\r\n")
        .contains("Host: 127.0.0.1:");
  }

  @Test
  void trailersAfterAChunkedBody() throws Exception {
    server =
        new RawServer(
            false,
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                + "4\r\nwiki\r\n5;note=\"a b\"\r\npedia\r\n0\r\nX-Checksum: 42\r\n\r\n");
    HttpResponse r = client.fetch(get("/"));
    assertThat(r.text()).isEqualTo("wikipedia");
    assertThat(r.trailers().get("X-Checksum")).isEqualTo("42");
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    server =
        new RawServer(
            false,
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
    assertThat(client.fetch(get("/")).text()).isEqualTo("done");
  }

  @Test
  void corruptGzipBody() throws Exception {
    refused(
        "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 12\r\n\r\nnot gzip!!!!",
        MalformedResponseError.class,
        "gzip");
  }

  @Test
  void staleKeepAliveConnectionIsRetriedOnAFreshOne() throws Exception {
    // first connection: one keep-alive response, then the server drops it; second: the retry
    server =
        new RawServer(
            true,
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst",
            "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
    assertThat(client.fetch(get("/")).text()).isEqualTo("first");
    assertThat(client.fetch(get("/")).text()).isEqualTo("second");
  }
}
