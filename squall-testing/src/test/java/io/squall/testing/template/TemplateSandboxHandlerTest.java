package io.squall.testing.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.DictLoader;
import io.squall.template.TemplateException;
import io.squall.testing.FetchOptions;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Templates see the template-facing part of what a handler gives them: the request, the user, the
 * locale, arguments, URLs and the XSRF token, but not the settings (and so not the cookie secret),
 * the application, the loop, the connection, or the methods that sign values or write and finish
 * the response.
 */
@SquallTest
class TemplateSandboxHandlerTest {
  private static final String SECRET = "the-cookie-secret-no-template-may-read";

  private static final Map<String, String> ALLOWED = new LinkedHashMap<>();
  private static final Map<String, String> REFUSED = new LinkedHashMap<>();

  static {
    ALLOWED.put("path", "{{ handler.request.path }}");
    ALLOWED.put("method", "{{ request.method }}");
    ALLOWED.put("header", "{{ handler.request.headers.get('X-Probe') }}");
    ALLOWED.put("user", "{{ handler.current_user }}");
    ALLOWED.put("argument", "{{ handler.get_argument('q', 'none') }}");
    ALLOWED.put("locale", "{{ handler.locale.code }}");
    ALLOWED.put("xsrf", "{{ len(handler.xsrf_token) > 0 }}");
    ALLOWED.put("url", "{{ handler.reverse_url('page', 'path') }}");
    ALLOWED.put("cookie", "{{ handler.get_cookie('c', 'no cookie') }}");
    REFUSED.put("settings", "{{ handler.settings }}");
    REFUSED.put("secret", "{{ handler.settings.cookie_secret }}");
    REFUSED.put("application", "{{ handler.application.settings }}");
    REFUSED.put("loop", "{{ handler.loop }}");
    REFUSED.put("sign", "{{ handler.create_signed_value('user', 'admin') }}");
    REFUSED.put("finish", "{{ handler.finish() }}");
    REFUSED.put("write", "{{ handler.write('injected') }}");
    REFUSED.put("redirect", "{{ handler.redirect('/elsewhere') }}");
    REFUSED.put("status", "{{ handler.set_status(204) }}");
    REFUSED.put("connection", "{{ request.connection.close() }}");
    REFUSED.put("signed-cookie", "{{ handler.set_signed_cookie('user', 'admin') }}");
  }

  /** Renders the template its path names; a template error is answered with its message. */
  public static class Page extends RequestHandler {
    public void get(String name) {
      try {
        write(renderString(name + ".html", Map.of()));
      } catch (TemplateException e) {
        clear();
        setStatus(500);
        write("refused: " + e.getMessage());
      }
    }

    @Override
    protected Object getCurrentUser() {
      return "ana";
    }
  }

  @TestApplication
  Application app() {
    Map<String, String> templates = new LinkedHashMap<>();
    ALLOWED.forEach((k, v) -> templates.put(k + ".html", v));
    REFUSED.forEach((k, v) -> templates.put(k + ".html", v));
    return Application.builder()
        .route("/page/(\\w[\\w-]*)", Page::new, "page")
        .settings(
            Settings.builder()
                .cookieSecret(SECRET)
                .templateLoader(new DictLoader(templates))
                .build())
        .build();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"path", "method", "header", "user", "argument", "locale", "xsrf", "url", "cookie"})
  void theTemplateFacingApiWorks(String name, SquallClient client) {
    var r = client.fetch("/page/" + name + "?q=tea", FetchOptions.get().header("X-Probe", "probe"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    String expected =
        switch (name) {
          case "path" -> "/page/path";
          case "method" -> "GET";
          case "header" -> "probe";
          case "user" -> "ana";
          case "argument" -> "tea";
          case "locale" -> "en_US";
          case "xsrf" -> "True";
          case "url" -> "/page/path";
          case "cookie" -> "no cookie";
          default -> throw new AssertionError(name);
        };
    assertThat(r.text()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "settings",
        "secret",
        "application",
        "loop",
        "sign",
        "finish",
        "write",
        "redirect",
        "status",
        "connection",
        "signed-cookie"
      })
  void theRestIsNotThere(String name, SquallClient client) {
    var r = client.fetch("/page/" + name);
    assertThat(r.status()).as(r.text()).isEqualTo(500);
    assertThat(r.text()).startsWith("refused: AttributeError: ").doesNotContain(SECRET);
    assertThat(r.header("Location")).isNull();
  }
}
