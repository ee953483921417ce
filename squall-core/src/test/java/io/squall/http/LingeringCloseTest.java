package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server that answers before it read the whole body (413, a handler finishing early) closes the
 * lingering way: the client that goes on sending its body and only then reads gets the answer, not
 * a connection reset.
 */
class LingeringCloseTest {
  private static final int LIMIT = 1024 * 1024;
  private static final int BODY = 32 * 1024 * 1024;

  private TestHttpServer server;

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private void start(HttpServerOptions options) throws Exception {
    HttpRequestCallback ok = req -> TestHttpServer.respond(req, 200, "read it all");
    server = TestHttpServer.start(ok, options);
  }

  private static HttpServerOptions limited() {
    return HttpServerOptions.builder().maxBodySize(LIMIT).build();
  }

  /**
   * Sends {@code head} and {@code bodyBytes} bytes of body, then reads to the end: all blocking.
   */
  private String sendAllThenRead(String head, long bodyBytes, boolean chunked) throws IOException {
    try (Socket s = server.connect()) {
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      byte[] piece = new byte[64 * 1024];
      for (long sent = 0; sent < bodyBytes; sent += piece.length) {
        if (chunked) {
          out.write(
              (Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(piece);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write(piece);
        }
      }
      if (chunked) {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.flush();
      return readToEnd(s.getInputStream()); // a reset fails the test here
    }
  }

  private static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      got.write(buf, 0, n);
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aClientSendingABodyOverTheLimitReadsThe413AfterSendingIt() throws Exception {
    start(limited());
    String head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY + "\r\n\r\n";
    String resp = sendAllThenRead(head, BODY, false);
    assertThat(resp).startsWith("HTTP/1.1 413 ");
    assertThat(resp).contains("Content-Length " + BODY + " is over the limit of " + LIMIT);
  }

  @Test
  void aChunkedBodyThatGrowsPastTheLimitGetsThe413Too() throws Exception {
    start(limited());
    String head = "POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    String resp = sendAllThenRead(head, 8L * LIMIT, true);
    assertThat(resp).startsWith("HTTP/1.1 413 ");
    assertThat(resp).contains("request body is over the limit of " + LIMIT + " bytes");
  }

  @Test
  void aHandlerThatAnswersBeforeTheBodyIsReadIsHeardByTheClient() throws Exception {
    server =
        TestHttpServer.start(
            (HttpServerConnectionDelegate)
                conn ->
                    new HttpMessageDelegate() {
                      @Override
                      public CompletionStage<?> headersReceived(HttpServerRequest request) {
                        TestHttpServer.respond(request, 403, "no uploads here");
                        return null;
                      }

                      @Override
                      public CompletionStage<?> dataReceived(ByteBuffer chunk) {
                        return null;
                      }

                      @Override
                      public void finish() {}

                      @Override
                      public void onConnectionClose() {}
                    },
            HttpServerOptions.defaults());
    String head = "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY + "\r\n\r\n";
    String resp = sendAllThenRead(head, BODY, false);
    assertThat(resp).startsWith("HTTP/1.1 403 ");
    assertThat(resp).endsWith("no uploads here");
  }

  @Test
  void lingeringEndsAtTheLingerTimeoutWhenTheClientNeitherSendsNorCloses() throws Exception {
    start(limited().toBuilder().lingerTimeout(Duration.ofMillis(200)).build());
    try (Socket s = server.connect()) {
      s.getOutputStream()
          .write(
              ("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + BODY + "\r\n\r\nabc")
                  .getBytes(StandardCharsets.ISO_8859_1));
      // the answer, the end of the server's output, and then the server closes for good: a write
      // from here fails once the close is seen (the socket timeout of 10 s catches a server that
      // lingers for ever)
      String resp = readToEnd(s.getInputStream());
      assertThat(resp).startsWith("HTTP/1.1 413 ");
      long deadline = System.nanoTime() + 10_000_000_000L;
      boolean writeFailed = false;
      while (!writeFailed && System.nanoTime() < deadline) {
        try {
          s.getOutputStream().write(new byte[1024]);
          Thread.sleep(20);
        } catch (IOException closed) {
          writeFailed = true;
        }
      }
      assertThat(writeFailed).as("the server closed the lingering connection").isTrue();
    }
  }
}
