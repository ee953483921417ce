package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.RawConnection;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The response: status, headers, bodies, streaming, redirects, errors and ETags. */
@SquallTest
class OutputTest {
  /** Completed by the test to let {@link Streaming} go on. */
  private final CompletableFuture<Void> continueStreaming = new CompletableFuture<>();

  /** Sets a status with a custom reason. */
  public static class CustomStatus extends RequestHandler {
    public void get() {
      setStatus(Integer.parseInt(getArgument("code")), getArgument("reason", null));
      if (getStatus() != 204 && getStatus() != 304) {
        write("status " + getStatus());
      }
    }
  }

  /** Plays with headers. */
  public static class Headers extends RequestHandler {
    public void get() {
      setHeader("X-Single", "one");
      setHeader("X-Single", "two"); // replaces
      addHeader("X-Multi", "a");
      addHeader("X-Multi", "b");
      setHeader("X-Number", 42);
      setHeader("X-Date", Instant.ofEpochSecond(784111777));
      setHeader("X-Gone", "soon");
      clearHeader("X-Gone");
      clearHeader("Server");
      setHeader("Content-Type", "text/plain; charset=UTF-8");
      write("headers");
    }
  }

  /** Sets default headers: they survive errors too. */
  public static class Defaults extends RequestHandler {
    @Override
    public void setDefaultHeaders() {
      setHeader("Server", "MyServer/1.0");
      setHeader("Access-Control-Allow-Origin", "*");
    }

    public void get() {
      if (getArgument("fail", null) != null) {
        throw new IllegalStateException("boom");
      }
      write("defaults");
    }
  }

  /** Writes JSON values. */
  public static class JsonOut extends RequestHandler {
    public void get() {
      write(Map.of("name", "squall", "list", List.of(1, 2)));
    }
  }

  /** Flushes pieces and waits in between. */
  public class Streaming extends RequestHandler {
    public CompletableFuture<Void> get(String... pathArgs) {
      write("first;");
      return flush()
          .thenCompose(v -> continueStreaming)
          .thenCompose(
              v -> {
                write("second;");
                return flush();
              })
          .thenRun(() -> write("last"));
    }
  }

  /** Uses finish(chunk) and checks that writing after it fails. */
  public static class Finishing extends RequestHandler {
    public void get() {
      finish("done");
      try {
        write("more");
      } catch (IllegalStateException expected) {
        // written after the response: refused
      }
    }
  }

  /** Redirects. */
  public static class Redirecting extends RequestHandler {
    public void get() {
      switch (getArgument("kind")) {
        case "temp" -> redirect("/target");
        case "perm" -> redirect("/target", true);
        case "seeother" -> redirect("/target?x=1", 303);
        default -> throw new HttpError(400);
      }
    }

    public void post() {
      redirect("/target", 303);
    }
  }

  /** The redirect target. */
  public static class Target extends RequestHandler {
    public void get() {
      write("target " + request().uri());
    }
  }

  /** Sends errors in several ways. */
  public static class Errors extends RequestHandler {
    public void get() {
      write("discarded");
      switch (getArgument("kind")) {
        case "send" -> sendError(503);
        case "http" -> throw new HttpError(402);
        case "reason" -> throw HttpError.withReason(451, "Blocked By Law", "log only");
        case "badreason" -> throw HttpError.withReason(400, "Bad\r\nInjected: yes", null);
        case "notmodified" -> throw new HttpError(304);
        case "nocontent" -> throw new HttpError(204);
        case "logmsg" -> throw new HttpError(400, "secret detail %s", "xyz");
        case "npe" -> throw new NullPointerException("npe detail");
        case "finish" -> {
          setStatus(401);
          clear();
          setStatus(401);
          write("custom unauthorized");
          throw new Finish();
        }
        default -> {}
      }
    }
  }

  /** A custom error page. */
  public static class CustomErrors extends RequestHandler {
    @Override
    public void writeError(int status, Throwable cause) {
      setHeader("Content-Type", "application/json; charset=UTF-8");
      write(
          "{\"status\":"
              + status
              + ",\"cause\":\""
              + (cause == null ? "none" : cause.getClass().getSimpleName())
              + "\"}");
    }

    public void get() {
      throw new HttpError(404);
    }

    public void post() {
      throw new IllegalArgumentException("bad");
    }
  }

  /** Tries to inject a header through a value. */
  public static class Injection extends RequestHandler {
    public void get() {
      setHeader("X-Safe", "yes");
      setHeader("X-Evil", "a\r\nInjected: yes");
      write("should not be seen");
    }

    public void post() {
      redirect("/target\r\nInjected: yes");
    }
  }

  /** A body with the automatic ETag. */
  public static class Etagged extends RequestHandler {
    public void get() {
      write("etag body " + getArgument("v", "1"));
    }
  }

  /** A version-number ETag instead of the body hash. */
  public static class VersionEtag extends RequestHandler {
    @Override
    public String computeEtag() {
      return "\"v7\"";
    }

    public void get() {
      write("versioned");
    }
  }

  /** No ETag at all. */
  public static class NoEtag extends RequestHandler {
    @Override
    public String computeEtag() {
      return null;
    }

    public void get() {
      write("untagged");
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/status", CustomStatus::new)
        .route("/headers", Headers::new)
        .route("/defaults", Defaults::new)
        .route("/json", JsonOut::new)
        .route("/stream", Streaming::new)
        .route("/finishing", Finishing::new)
        .route("/redirect", Redirecting::new)
        .route("/target", Target::new)
        .route("/errors", Errors::new)
        .route("/custom-errors", CustomErrors::new)
        .route("/inject", Injection::new)
        .route("/etag", Etagged::new)
        .route("/version-etag", VersionEtag::new)
        .route("/no-etag", NoEtag::new)
        .build();
  }

  private static RawConnection.Response raw(SquallClient client, String request) {
    try (RawConnection raw = client.raw()) {
      raw.send(request);
      return raw.readResponse();
    }
  }

  private static RawConnection.Response rawGet(SquallClient client, String path) {
    return raw(client, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Test
  void customReasonPhrase(SquallClient client) {
    RawConnection.Response r = rawGet(client, "/status?code=201&reason=Made+It");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 201 Made It");
    assertThat(r.text()).isEqualTo("status 201");
    RawConnection.Response unknown = rawGet(client, "/status?code=682");
    assertThat(unknown.statusLine()).isEqualTo("HTTP/1.1 682 Unknown");
    RawConnection.Response standard = rawGet(client, "/status?code=202");
    assertThat(standard.statusLine()).isEqualTo("HTTP/1.1 202 Accepted");
  }

  @Test
  void reasonPhraseCannotSplitTheResponse(SquallClient client) {
    try (ExpectLog log = ExpectLog.capture("io.squall.web", "Uncaught exception")) {
      RawConnection.Response r = rawGet(client, "/status?code=200&reason=OK%0D%0AInjected:%20yes");
      assertThat(r.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(r.header("Injected")).isNull();
      RawConnection.Response e = rawGet(client, "/errors?kind=badreason");
      assertThat(e.statusLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(e.header("Injected")).isNull();
      assertThat(log.count()).isEqualTo(2);
    }
  }

  @Test
  void noContentHasNoBodyHeaders(SquallClient client) {
    RawConnection.Response r = rawGet(client, "/status?code=204");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Content-Length")).isNull();
    assertThat(r.header("Content-Type")).isNull();
    assertThat(r.header("Transfer-Encoding")).isNull();
  }

  @Test
  void badStatusIs500(SquallClient client) {
    try (ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception GET /status")) {
      assertThat(client.fetch("/status?code=42").status()).isEqualTo(500);
    }
  }

  @Test
  void setAddAndClearHeaders(SquallClient client) {
    FetchResponse r = client.fetch("/headers");
    assertThat(r.headerValues("X-Single")).containsExactly("two");
    assertThat(r.headerValues("X-Multi")).containsExactly("a", "b");
    assertThat(r.header("X-Number")).isEqualTo("42");
    assertThat(r.header("X-Date")).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(r.header("X-Gone")).isNull();
    assertThat(r.header("Server")).isNull();
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
    assertThat(r.header("Date")).isNotNull();
  }

  @Test
  void defaultServerHeader(SquallClient client) {
    assertThat(client.fetch("/json").header("Server")).isEqualTo("Squall");
  }

  @Test
  void setDefaultHeadersAppliesToErrorsToo(SquallClient client) {
    FetchResponse ok = client.fetch("/defaults");
    assertThat(ok.header("Server")).isEqualTo("MyServer/1.0");
    assertThat(ok.header("Access-Control-Allow-Origin")).isEqualTo("*");
    try (ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      FetchResponse err = client.fetch("/defaults?fail=1");
      assertThat(err.status()).isEqualTo(500);
      assertThat(err.header("Server")).isEqualTo("MyServer/1.0");
      assertThat(err.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }
  }

  @Test
  void writeMapIsJson(SquallClient client) {
    FetchResponse r = client.fetch("/json");
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
    assertThat(r.json().get("name").asText()).isEqualTo("squall");
    assertThat(r.json().get("list").toString()).isEqualTo("[1,2]");
  }

  @Test
  void contentLengthWhenNotFlushed(SquallClient client) {
    RawConnection.Response r = rawGet(client, "/json");
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
    assertThat(r.header("Transfer-Encoding")).isNull();
  }

  @Test
  void flushStreamsChunkedPiecesBeforeTheEnd(SquallClient client) {
    try (RawConnection raw = client.raw()) {
      raw.send("GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().contains("first;")) {
        byte[] b = raw.readSome();
        assertThat(b).as("first piece arrives before the handler finishes").isNotEmpty();
        seen.append(new String(b, StandardCharsets.ISO_8859_1));
      }
      assertThat(seen.toString())
          .startsWith("HTTP/1.1 200 OK")
          .contains("Transfer-Encoding: chunked")
          .doesNotContain("Content-Length")
          .doesNotContain("second;");
      continueStreaming.complete(null);
      String rest = raw.readAll();
      String all = seen + rest;
      assertThat(all).contains("second;").endsWith("4\r\nlast\r\n0\r\n\r\n");
    }
  }

  @Test
  void streamedResponseDecodesWhole(SquallClient client) {
    continueStreaming.complete(null);
    assertThat(client.fetch("/stream").text()).isEqualTo("first;second;last");
  }

  @Test
  void finishWithChunkAndWriteAfterFinishRefused(SquallClient client) {
    assertThat(client.fetch("/finishing").text()).isEqualTo("done");
  }

  @Test
  void redirects(SquallClient client) {
    FetchOptions noFollow = FetchOptions.get().followRedirects(false);
    FetchResponse temp = client.fetch("/redirect?kind=temp", noFollow);
    assertThat(temp.status()).isEqualTo(302);
    assertThat(temp.header("Location")).isEqualTo("/target");
    FetchResponse perm = client.fetch("/redirect?kind=perm", noFollow);
    assertThat(perm.status()).isEqualTo(301);
    FetchResponse other = client.fetch("/redirect?kind=seeother", noFollow);
    assertThat(other.status()).isEqualTo(303);
    assertThat(other.header("Location")).isEqualTo("/target?x=1");
    // followed
    FetchResponse followed = client.fetch("/redirect?kind=seeother");
    assertThat(followed.status()).isEqualTo(200);
    assertThat(followed.text()).isEqualTo("target /target?x=1");
    FetchResponse post = client.fetch("/redirect", FetchOptions.post().body("a=1"));
    assertThat(post.text()).isEqualTo("target /target");
  }

  @Test
  void sendErrorDiscardsWhatWasWritten(SquallClient client) {
    FetchResponse r = client.fetch("/errors?kind=send");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.text()).contains("503: Service Unavailable").doesNotContain("discarded");
  }

  @Test
  void httpErrorStatus(SquallClient client) {
    FetchResponse r = client.fetch("/errors?kind=http");
    assertThat(r.status()).isEqualTo(402);
    assertThat(r.text()).contains("402: Payment Required");
  }

  @Test
  void httpErrorForBodylessStatuses(SquallClient client) {
    try (ExpectLog errors = ExpectLog.forbid("ROOT", "", org.slf4j.event.Level.ERROR)) {
      RawConnection.Response nm = rawGet(client, "/errors?kind=notmodified");
      assertThat(nm.statusLine()).isEqualTo("HTTP/1.1 304 Not Modified");
      assertThat(nm.header("Content-Length")).isNull();
      RawConnection.Response nc = rawGet(client, "/errors?kind=nocontent");
      assertThat(nc.statusLine()).isEqualTo("HTTP/1.1 204 No Content");
      assertThat(nc.header("Content-Length")).isNull();
    }
  }

  @Test
  void httpErrorCustomReason(SquallClient client) {
    RawConnection.Response r = rawGet(client, "/errors?kind=reason");
    assertThat(r.statusLine()).isEqualTo("HTTP/1.1 451 Blocked By Law");
    assertThat(r.text()).contains("451: Blocked By Law").doesNotContain("log only");
  }

  @Test
  void httpErrorLogMessageGoesOnlyToTheLog(SquallClient client) {
    try (ExpectLog log = ExpectLog.expect("squall.general", "secret detail xyz")) {
      FetchResponse r = client.fetch("/errors?kind=logmsg");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.text()).doesNotContain("secret");
    }
  }

  @Test
  void finishExceptionSendsWhatWasWritten(SquallClient client) {
    FetchResponse r = client.fetch("/errors?kind=finish");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.text()).isEqualTo("custom unauthorized");
  }

  @Test
  void uncaughtExceptionIs500WithoutTraceback(SquallClient client) {
    try (ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception GET /errors")) {
      FetchResponse r = client.fetch("/errors?kind=npe");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.text())
          .contains("500: Internal Server Error")
          .doesNotContain("npe detail")
          .doesNotContain("NullPointerException");
    }
  }

  @Test
  void serveTracebackShowsTheStackTrace() {
    Application app =
        Application.builder()
            .route("/errors", Errors::new)
            .settings(Settings.builder().serveTraceback(true).build())
            .build();
    try (SquallClient client = SquallClient.start(app);
        ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      FetchResponse r = client.fetch("/errors?kind=npe");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.header("Content-Type")).startsWith("text/plain");
      assertThat(r.text())
          .contains("java.lang.NullPointerException: npe detail")
          .contains("at io.squall.web.OutputTest$Errors.get");
      // HttpErrors are not tracebacks
      assertThat(client.fetch("/errors?kind=http").text()).contains("402: Payment Required");
    }
  }

  @Test
  void debugTurnsOnServeTraceback() {
    assertThat(Settings.builder().debug(true).build().serveTraceback()).isTrue();
    assertThat(Settings.builder().debug(true).serveTraceback(false).build().serveTraceback())
        .isFalse();
    assertThat(Settings.defaults().serveTraceback()).isFalse();
  }

  @Test
  void customWriteError(SquallClient client) {
    FetchResponse r = client.fetch("/custom-errors");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.text()).isEqualTo("{\"status\":404,\"cause\":\"HttpError\"}");
    try (ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      FetchResponse p = client.fetch("/custom-errors", FetchOptions.post());
      assertThat(p.status()).isEqualTo(500);
      assertThat(p.text()).isEqualTo("{\"status\":500,\"cause\":\"IllegalArgumentException\"}");
    }
  }

  @Test
  void headerInjectionIsRefused(SquallClient client) {
    try (ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      RawConnection.Response r = rawGet(client, "/inject");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.header("Injected")).isNull();
      assertThat(r.header("X-Evil")).isNull();
      assertThat(r.header("X-Safe")).isNull(); // the error page starts afresh
      assertThat(r.text()).doesNotContain("should not be seen");
    }
    try (ExpectLog log = ExpectLog.expect("io.squall.web", "Uncaught exception")) {
      RawConnection.Response r = raw(client, "POST /inject HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.header("Injected")).isNull();
      assertThat(r.header("Location")).isNull();
    }
  }

  @Test
  void automaticEtagAndNotModified(SquallClient client) {
    FetchResponse first = client.fetch("/etag");
    String etag = first.header("Etag");
    assertThat(etag).matches("\"[0-9a-f]{40}\"");
    FetchResponse again = client.fetch("/etag", FetchOptions.get().header("If-None-Match", etag));
    assertThat(again.status()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.header("Etag")).isEqualTo(etag);
    // weak form and lists match too
    FetchResponse weak =
        client.fetch("/etag", FetchOptions.get().header("If-None-Match", "\"x\", W/" + etag));
    assertThat(weak.status()).isEqualTo(304);
    FetchResponse star = client.fetch("/etag", FetchOptions.get().header("If-None-Match", "*"));
    assertThat(star.status()).isEqualTo(304);
    // a different body has a different tag
    FetchResponse other =
        client.fetch("/etag?v=2", FetchOptions.get().header("If-None-Match", etag));
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("Etag")).isNotEqualTo(etag);
  }

  @Test
  void notModifiedResponseHasNoBodyOrRepresentationHeaders(SquallClient client) {
    String etag = client.fetch("/etag").header("Etag");
    RawConnection.Response r =
        raw(client, "GET /etag HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
    assertThat(r.status()).isEqualTo(304);
    assertThat(r.header("Content-Length")).isNull();
    assertThat(r.header("Content-Type")).isNull();
  }

  @Test
  void computeEtagOverride(SquallClient client) {
    FetchResponse r = client.fetch("/version-etag");
    assertThat(r.header("Etag")).isEqualTo("\"v7\"");
    FetchResponse nm =
        client.fetch("/version-etag", FetchOptions.get().header("If-None-Match", "\"v7\""));
    assertThat(nm.status()).isEqualTo(304);
    FetchResponse none = client.fetch("/no-etag");
    assertThat(none.header("Etag")).isNull();
    FetchResponse star = client.fetch("/no-etag", FetchOptions.get().header("If-None-Match", "*"));
    assertThat(star.status()).isEqualTo(200);
    assertThat(star.text()).isEqualTo("untagged");
  }

  @Test
  void noEtagForPost(SquallClient client) {
    FetchResponse r = client.fetch("/redirect", FetchOptions.post().followRedirects(false));
    assertThat(r.header("Etag")).isNull();
  }
}
