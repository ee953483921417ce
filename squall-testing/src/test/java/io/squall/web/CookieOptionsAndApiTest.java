package io.squall.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's cookie and handler API items: application-wide cookie defaults, options on signed and
 * XSRF cookies, the key version of a signed cookie, clearAllCookies, JSON that cannot close a
 * script, redirects to non-ASCII URLs, the strip option, decodeArgument, staticUrl with host,
 * requireSetting.
 */
@SquallTest
class CookieOptionsAndApiTest {
  static final String SECRET = "0123456789abcdef-cookie-secret";

  @TempDir static Path staticDir;

  /** Sets cookies with the defaults, or with options of its own. */
  public static class Cookies extends RequestHandler {
    public void get() {
      switch (getArgument("what")) {
        case "plain" -> setCookie("p", "1");
        case "signed" -> setSignedCookie("s", "v");
        case "signedOwn" ->
            setSignedCookie(
                "s", "v", 7, settings().cookieDefaults().toBuilder().secure(true).build());
        case "version" ->
            write(
                "v="
                    + getSignedCookieKeyVersion("s").orElse(-1)
                    + " value="
                    + getSignedCookie("s"));
        case "clearAll" -> clearAllCookies();
        case "xsrf" -> write(xsrfToken().isEmpty() ? "none" : "token");
        default -> throw new HttpError(400);
      }
    }
  }

  /** Other handler API. */
  public static class Api extends RequestHandler {
    public void get() {
      switch (getArgument("what")) {
        case "json" -> write(Map.of("html", "</script><script>alert(1)</script>"));
        case "redirect" -> redirect("/café/日本?q=ü");
        case "strip" ->
            write("[" + getArgument("a", null, false) + "][" + getArgument("a", null) + "]");
        case "static" -> write(staticUrl("app.css", true) + " " + staticUrl("app.css"));
        case "require" -> {
          requireSetting("cookieSecret", "signed cookies"); // present: passes
          try {
            requireSetting("nonexistent", "the frobnicator");
            write("no exception");
          } catch (IllegalStateException e) {
            write(e.getMessage());
          }
        }
        default -> throw new HttpError(400);
      }
    }
  }

  /** Upper-cases every argument through decodeArgument. */
  public static class Decoding extends RequestHandler {
    @Override
    public String decodeArgument(String value, String name) {
      return name + ":" + value.toUpperCase(java.util.Locale.ROOT);
    }

    public void get() {
      write(getArgument("x") + " " + getArguments("y"));
    }
  }

  @TestApplication
  Application app() throws Exception {
    Files.writeString(staticDir.resolve("app.css"), "body{}");
    return Application.builder()
        .route("/cookies", Cookies::new)
        .route("/api", Api::new)
        .route("/decoding", Decoding::new)
        .settings(
            Settings.builder()
                .cookieSecret(1, "old-secret-0123456789abcdef")
                .cookieSecret(2, SECRET)
                .cookieKeyVersion(2)
                .staticPath(staticDir)
                .cookieDefaults(CookieOptions.builder().httpOnly(true).sameSite("Lax").build())
                .xsrfCookieOptions(CookieOptions.builder().secure(true).sameSite("Strict").build())
                .build())
        .build();
  }

  private static String setCookie(FetchResponse r) {
    List<String> v = r.headerValues("Set-Cookie");
    assertThat(v).hasSize(1);
    return v.get(0);
  }

  @Test
  void cookiesWithoutOptionsTakeTheApplicationDefaults(SquallClient client) {
    String plain = setCookie(client.fetch("/cookies?what=plain"));
    assertThat(plain).startsWith("p=1").contains("HttpOnly", "SameSite=Lax", "Path=/");
    String signed = setCookie(client.fetch("/cookies?what=signed"));
    assertThat(signed).startsWith("s=2|1:2|").contains("HttpOnly", "SameSite=Lax", "Expires=");
  }

  @Test
  void signedCookiesTakeFullOptions(SquallClient client) {
    String c = setCookie(client.fetch("/cookies?what=signedOwn"));
    assertThat(c).contains("Secure", "HttpOnly", "SameSite=Lax", "Expires=");
  }

  @Test
  void theXsrfCookieTakesItsOwnOptions(SquallClient client) {
    String c = setCookie(client.fetch("/cookies?what=xsrf"));
    assertThat(c).startsWith("_xsrf=").contains("Secure", "SameSite=Strict").doesNotContain("Lax");
  }

  @Test
  void theKeyVersionOfASignedCookieIsReadable(SquallClient client) {
    String c = setCookie(client.fetch("/cookies?what=signed"));
    String value = c.substring(0, c.indexOf(';'));
    FetchResponse r =
        client.fetch("/cookies?what=version", FetchOptions.get().header("Cookie", value));
    assertThat(r.text()).isEqualTo("v=2 value=v");
    client.clearCookies();
    FetchResponse none = client.fetch("/cookies?what=version");
    assertThat(none.text()).isEqualTo("v=-1 value=null");
  }

  @Test
  void clearAllCookiesExpiresEveryCookieTheRequestSent(SquallClient client) {
    FetchResponse r =
        client.fetch("/cookies?what=clearAll", FetchOptions.get().header("Cookie", "a=1; b=2"));
    List<String> v = r.headerValues("Set-Cookie");
    assertThat(v).hasSize(2);
    assertThat(v).anySatisfy(c -> assertThat(c).startsWith("a=;").contains("Max-Age=0"));
    assertThat(v).anySatisfy(c -> assertThat(c).startsWith("b=;").contains("Max-Age=0"));
  }

  @Test
  void jsonEscapesClosingTagsAsTornadoDoes(SquallClient client) throws Exception {
    FetchResponse r = client.fetch("/api?what=json");
    assertThat(r.text()).doesNotContain("</").contains("<\\/script>");
    // still the same string to a JSON parser
    assertThat(r.json().get("html").asText()).isEqualTo("</script><script>alert(1)</script>");
  }

  @Test
  void aRedirectToANonAsciiUrlIsPercentEncoded(SquallClient client) {
    FetchResponse r = client.fetch("/api?what=redirect", FetchOptions.get().followRedirects(false));
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("/caf%C3%A9/%E6%97%A5%E6%9C%AC?q=%C3%BC");
  }

  @Test
  void stripFalseKeepsSurroundingWhiteSpace(SquallClient client) {
    FetchResponse r = client.fetch("/api?what=strip&a=%20x%20");
    assertThat(r.text()).isEqualTo("[ x ][x]");
  }

  @Test
  void decodeArgumentAppliesToEveryGetter(SquallClient client) {
    FetchResponse r = client.fetch("/decoding?x=a&y=b&y=c");
    assertThat(r.text()).isEqualTo("x:A [y:B, y:C]");
  }

  @Test
  void staticUrlWithHostIsAbsolute(SquallClient client) {
    FetchResponse r = client.fetch("/api?what=static");
    String[] urls = r.text().split(" ");
    assertThat(urls[1]).startsWith("/static/app.css?v=");
    assertThat(urls[0]).isEqualTo("http://127.0.0.1:" + client.port() + urls[1]);
  }

  @Test
  void requireSettingNamesTheMissingSetting(SquallClient client) {
    assertThat(client.fetch("/api?what=require").text())
        .isEqualTo(
            "You must define the 'nonexistent' setting in your application to use the frobnicator");
  }
}
