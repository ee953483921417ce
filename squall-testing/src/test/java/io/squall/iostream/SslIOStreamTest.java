package io.squall.iostream;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.ioloop.IOLoop;
import io.squall.tcp.SniKeyManager;
import io.squall.tcp.StreamHandler;
import io.squall.tcp.TcpClient;
import io.squall.tcp.TcpServer;
import io.squall.tcp.TlsClientOptions;
import io.squall.tcp.TlsServerOptions;
import io.squall.testing.SelfSignedCertificate;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SslIOStream through TcpServer and TcpClient: real sockets, a certificate made for the test. */
class SslIOStreamTest {
  @TempDir static Path dir;
  static SelfSignedCertificate cert;

  private IOLoop loop;
  private TcpServer server;
  private final LinkedBlockingQueue<SslIOStream> accepted = new LinkedBlockingQueue<>();

  @BeforeAll
  static void makeCertificate() {
    cert = SelfSignedCertificate.create(dir, "localhost", "dns:localhost");
  }

  @BeforeEach
  void startLoop() {
    loop = IOLoop.startOnNewThread("ssl-test");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      onLoop(
          () -> {
            server.stop();
            return CompletableFuture.completedFuture(null);
          });
    }
    loop.shutdown();
  }

  private <T> T onLoop(Supplier<? extends CompletionStage<T>> task) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.addCallback(
        () -> {
          try {
            task.get()
                .whenComplete(
                    (v, e) -> {
                      if (e != null) {
                        f.completeExceptionally(e);
                      } else {
                        f.complete(v);
                      }
                    });
          } catch (Throwable e) {
            f.completeExceptionally(e);
          }
        });
    return f.get(30, SECONDS);
  }

  /** Starts a TLS server whose connections go to {@code handler} (after being recorded). */
  private int serve(TlsServerOptions tls, StreamHandler handler) throws Exception {
    return onLoop(
        () -> {
          server =
              new TcpServer(
                  IOStreamOptions.defaults(),
                  tls,
                  (stream, address) -> {
                    accepted.add((SslIOStream) stream);
                    handler.handleStream(stream, address);
                  });
          try {
            server.listen(0, "127.0.0.1");
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          return CompletableFuture.completedFuture(server.port());
        });
  }

  private static void echo(IOStream stream) {
    stream
        .readBytes(64 * 1024, true)
        .thenCompose(stream::write)
        .whenComplete(
            (v, e) -> {
              if (e == null) {
                echo(stream);
              } else {
                stream.close();
              }
            });
  }

  private TlsClientOptions trusting() {
    return TlsClientOptions.of(cert.clientContext());
  }

  private CompletableFuture<IOStream> connect(int port, TlsClientOptions tls) {
    return TcpClient.connect(
        "localhost", port, Duration.ofSeconds(20), IOStreamOptions.defaults(), tls);
  }

  @Test
  void megabytesEchoBothWaysIntact() throws Exception {
    int port = serve(TlsServerOptions.of(cert.serverContext()), (s, a) -> echo(s));
    byte[] data = new byte[8 * 1024 * 1024 + 123];
    new Random(7).nextBytes(data);
    byte[] back =
        onLoop(
            () ->
                connect(port, trusting())
                    .thenCompose(
                        s -> {
                          s.write(data.clone());
                          return s.readBytes(data.length).whenComplete((v, e) -> s.close());
                        }));
    assertThat(back).isEqualTo(data);
  }

  @Test
  void alpnSelectsHttp11AndTheServerSeesTheSniName() throws Exception {
    int port =
        serve(
            TlsServerOptions.of(cert.serverContext()).withApplicationProtocols("http/1.1"),
            (s, a) -> echo(s));
    IOStream client =
        onLoop(() -> connect(port, trusting().withApplicationProtocols("h2", "http/1.1")));
    SslIOStream ssl = (SslIOStream) client;
    assertThat(ssl.applicationProtocol()).contains("http/1.1");
    assertThat(ssl.serverName()).contains("localhost");
    assertThat(ssl.peerCertificate()).contains(cert.certificate());
    SslIOStream serverSide = accepted.poll(10, SECONDS);
    assertThat(serverSide).isNotNull();
    assertThat(serverSide.applicationProtocol()).contains("http/1.1");
    assertThat(serverSide.serverName()).contains("localhost");
    assertThat(serverSide.peerCertificate()).isEmpty(); // no client certificate asked for
    onLoop(
        () -> {
          client.close();
          return CompletableFuture.completedFuture(null);
        });
  }

  @Test
  void closeNotifyEndsThePeersReadCleanly() throws Exception {
    CompletableFuture<byte[]> rest = new CompletableFuture<>();
    int port =
        serve(
            TlsServerOptions.of(cert.serverContext()),
            (s, a) ->
                s.readUntilClose()
                    .whenComplete(
                        (v, e) -> {
                          if (e != null) {
                            rest.completeExceptionally(e);
                          } else {
                            rest.complete(v);
                          }
                        }));
    onLoop(
        () ->
            connect(port, trusting())
                .thenCompose(
                    s ->
                        s.write("last words".getBytes(StandardCharsets.US_ASCII))
                            .thenRun(s::close)));
    assertThat(new String(rest.get(10, SECONDS), StandardCharsets.US_ASCII))
        .isEqualTo("last words");
    assertThat(accepted.poll(10, SECONDS).sslEngine().isInboundDone()).isTrue();
  }

  @Test
  void untrustedCertificateIsRefusedByTheClient() throws Exception {
    int port = serve(TlsServerOptions.of(cert.serverContext()), (s, a) -> echo(s));
    assertThatThrownBy(() -> onLoop(() -> connect(port, TlsClientOptions.defaults())))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainBytesOnTheTlsPortCloseThatConnectionOnly() throws Exception {
    int port = serve(TlsServerOptions.of(cert.serverContext()), (s, a) -> echo(s));
    try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
      raw.setSoTimeout(10_000);
      OutputStream out = raw.getOutputStream();
      out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = raw.getInputStream();
      // the server answers with at most an alert, then closes
      byte[] got = in.readNBytes(4096);
      assertThat(got.length).isLessThan(64);
    }
    byte[] back =
        onLoop(
            () ->
                connect(port, trusting())
                    .thenCompose(
                        s ->
                            s.write("still here".getBytes(StandardCharsets.US_ASCII))
                                .thenCompose(v -> s.readBytes(10))
                                .whenComplete((v, e) -> s.close())));
    assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo("still here");
    assertThat(accepted).hasSize(1); // the plain client never reached the handler
  }

  @Test
  void aSilentClientIsClosedAfterTheHandshakeTimeout() throws Exception {
    int port =
        serve(
            TlsServerOptions.of(cert.serverContext()).withHandshakeTimeout(Duration.ofMillis(200)),
            (s, a) -> echo(s));
    try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port)) {
      raw.setSoTimeout(20_000);
      // at most an alert record (content type 21), then the end of the stream
      byte[] got = raw.getInputStream().readAllBytes();
      assertThat(got.length).isLessThan(64);
      if (got.length > 0) {
        assertThat(got[0]).isEqualTo((byte) 21);
      }
    }
  }

  @Test
  void sniKeyManagerServesTheCertificateOfTheRequestedName(@TempDir Path other) throws Exception {
    SelfSignedCertificate a = cert;
    SelfSignedCertificate b = SelfSignedCertificate.create(other, "b.test", "dns:b.test");
    SniKeyManager km =
        SniKeyManager.of(
            Map.of("b.test", SniKeyManager.fromKeyStore(b.keyStore(), b.password())),
            SniKeyManager.fromKeyStore(a.keyStore(), a.password()));
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new KeyManager[] {km}, null, null);
    int port = serve(TlsServerOptions.of(ctx), (s, x) -> echo(s));

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("a", a.certificate());
    trust.setCertificateEntry("b", b.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientCtx = SSLContext.getInstance("TLS");
    clientCtx.init(null, tmf.getTrustManagers(), null);

    SslIOStream toB =
        (SslIOStream)
            onLoop(
                () ->
                    connect(
                        port,
                        TlsClientOptions.of(clientCtx)
                            .withServerName("b.test")
                            .withVerifyHostname(false)));
    assertThat(toB.peerCertificate()).contains(b.certificate());
    SslIOStream toDefault =
        (SslIOStream) onLoop(() -> connect(port, TlsClientOptions.of(clientCtx)));
    assertThat(toDefault.peerCertificate()).contains(a.certificate());
    assertThat(accepted.poll(10, TimeUnit.SECONDS).serverName()).contains("b.test");
    onLoop(
        () -> {
          toB.close();
          toDefault.close();
          return CompletableFuture.completedFuture(null);
        });
  }
}
