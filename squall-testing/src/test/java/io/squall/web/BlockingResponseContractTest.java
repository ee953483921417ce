package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.DictLoader;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One thread contract for the response API (issue 12): each method called from a {@code @Blocking}
 * handler's virtual thread gives the same response as on the loop, also with many such requests at
 * once.
 */
@SquallTest
class BlockingResponseContractTest {
  static final int CONCURRENT = 64;

  /** Runs one scenario of response calls, on whatever thread it is called. */
  static void scenario(RequestHandler h, String what) {
    switch (what) {
      case "write" -> {
        h.setStatus(201);
        h.setHeader("X-A", "1");
        h.addHeader("X-B", "2");
        h.write("hello ");
        h.write("world".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      case "json" -> h.write(Map.of("k", "</v>"));
      case "flush" -> {
        h.write("first,");
        CompletableFuture<Void> sent = h.flush();
        if (Thread.currentThread().isVirtual()) {
          sent.join(); // done once the bytes went to the socket (on the loop: never block it)
          assertThat(sent).isCompletedWithValue(null);
        }
        h.write("second");
      }
      case "finish" -> {
        h.write("done");
        CompletableFuture<Void> sent = h.finish();
        if (Thread.currentThread().isVirtual()) {
          sent.join();
        }
      }
      case "clear" -> {
        h.setHeader("X-A", "gone");
        h.write("junk");
        h.clear();
        h.write("fresh");
      }
      case "error" -> h.sendError(418);
      case "httpError" -> throw new HttpError(409, "conflict");
      case "redirect" -> h.redirect("/elsewhere/é", 307);
      case "cookies" -> {
        h.setCookie("plain", "1");
        h.setSignedCookie("signed", "v");
        h.clearCookie("old");
        h.write("cookies");
      }
      case "render" -> h.render("page.html", Map.of("name", "<Ada>"));
      case "renderString" -> h.write(h.renderString("page.html", Map.of("name", "Bob")));
      default -> throw new HttpError(400, "no scenario %s", what);
    }
  }

  /** The scenarios on the loop. */
  public static class OnLoop extends RequestHandler {
    public void get(String what) {
      scenario(this, what);
    }
  }

  /** The same scenarios on a virtual thread. */
  @Blocking
  public static class OnVirtualThread extends RequestHandler {
    public void get(String what) {
      assertThat(Thread.currentThread().isVirtual()).isTrue();
      scenario(this, what);
    }
  }

  @TestApplication
  Application app() {
    return Application.builder()
        .route("/loop/(\\w+)", OnLoop::new)
        .route("/virtual/(\\w+)", OnVirtualThread::new)
        .settings(
            Settings.builder()
                .cookieSecret("0123456789abcdef-cookie-secret")
                .templateLoader(new DictLoader(Map.of("page.html", "<p>{{ name }}</p>")))
                .build())
        .build();
  }

  /** What must be equal between the two: status, body and the headers the scenarios touch. */
  private static String summary(FetchResponse r) {
    List<String> cookies = new ArrayList<>();
    for (String c : r.headerValues("Set-Cookie")) {
      // a signed value carries its timestamp: compare the name and attributes only
      cookies.add(c.replaceAll("=2\\|[^;]*", "=<signed>").replaceAll("Expires=[^;]*", "Expires=*"));
    }
    return r.status()
        + " "
        + r.header("Content-Type")
        + " X-A="
        + r.header("X-A")
        + " X-B="
        + r.header("X-B")
        + " Location="
        + r.header("Location")
        + " cookies="
        + cookies
        + " body="
        + r.text();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "write",
        "json",
        "flush",
        "finish",
        "clear",
        "error",
        "httpError",
        "redirect",
        "cookies",
        "render",
        "renderString"
      })
  void sameResponseFromTheVirtualThreadAsFromTheLoop(String what, SquallClient client)
      throws Exception {
    FetchOptions noFollow = FetchOptions.get().followRedirects(false);
    String onLoop = summary(client.fetch("/loop/" + what, noFollow));
    List<CompletableFuture<FetchResponse>> many = new ArrayList<>();
    for (int i = 0; i < CONCURRENT; i++) {
      many.add(client.fetchAsync("/virtual/" + what, noFollow));
    }
    for (CompletableFuture<FetchResponse> f : many) {
      assertThat(summary(f.get(30, TimeUnit.SECONDS))).isEqualTo(onLoop);
    }
    assertThat(onLoop).doesNotStartWith("500");
  }
}
