package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.Json;
import io.squall.testing.ExpectLog;
import io.squall.testing.FetchOptions;
import io.squall.testing.FetchResponse;
import io.squall.testing.SquallClient;
import io.squall.testing.SquallTest;
import io.squall.testing.TestApplication;
import io.squall.web.Application;
import org.junit.jupiter.api.Test;

/** The hub's i18n page: the language from Accept-Language or ?lang=, plural forms, dates, RTL. */
@SquallTest
class I18nDemoTest {
  @TestApplication
  Application app() {
    return DemoHub.app();
  }

  private static String page(SquallClient client, String path, String acceptLanguage) {
    FetchOptions o = FetchOptions.get();
    if (acceptLanguage != null) {
      o.header("Accept-Language", acceptLanguage);
    }
    FetchResponse r = client.fetch(path, o);
    assertThat(r.status()).as("GET %s", path).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/html");
    return r.text();
  }

  private static String code(SquallClient client, String path, String acceptLanguage) {
    FetchOptions o = FetchOptions.get();
    if (acceptLanguage != null) {
      o.header("Accept-Language", acceptLanguage);
    }
    FetchResponse r = client.fetch(path, o);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode json = readJson(r.text());
    assertThat(json.size()).isEqualTo(1);
    return json.get("code").asText();
  }

  private static JsonNode readJson(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Test
  void theHubLinksTheDemo(SquallClient client) {
    assertThat(DemoHubTest.hrefs(client.fetch("/").text())).contains("/i18n/");
    FetchResponse r = client.fetch("/i18n", FetchOptions.get().followRedirects(false));
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("Location")).isEqualTo("/i18n/");
  }

  @Test
  void localeEndpointFollowsAcceptLanguageAndLang(SquallClient client) {
    assertThat(code(client, "/i18n/locale", null)).isEqualTo("en_US");
    assertThat(code(client, "/i18n/locale", "de-AT,de;q=0.9,en;q=0.5")).isEqualTo("de");
    assertThat(code(client, "/i18n/locale", "fr, es-MX;q=0.8, de;q=0.7")).isEqualTo("es");
    assertThat(code(client, "/i18n/locale", "zh-CN")).isEqualTo("zh_CN");
    assertThat(code(client, "/i18n/locale", "ar-EG, en;q=0.1")).isEqualTo("ar");
    assertThat(code(client, "/i18n/locale", "ja, ko")).isEqualTo("en_US");
    assertThat(code(client, "/i18n/locale?lang=ar", "de")).isEqualTo("ar"); // ?lang= wins
    assertThat(code(client, "/i18n/locale?lang=es-ES", null)).isEqualTo("es");
    assertThat(code(client, "/i18n/locale?lang=xx", "de")).isEqualTo("en_US");
  }

  @Test
  void englishByDefault(SquallClient client) {
    String html = page(client, "/i18n/", null);
    assertThat(html).contains("<html lang=\"en-US\" dir=\"ltr\">");
    assertThat(html).contains("<h1>Squall in your language</h1>");
    assertThat(html)
        .contains("<li>0 new messages</li>", "<li>1 new message</li>", "<li>2 new messages</li>");
    assertThat(html).contains("<li>Ana, Luis and Mei are online</li>", "<li>Ana is online</li>");
    assertThat(html).contains("<dd>2 minutes ago</dd>", "<dd>3 hours ago</dd>");
    assertThat(html).containsPattern("<dd>yesterday at \\d{1,2}:\\d\\d [ap]m</dd>");
    assertThat(html).contains("<dd id=\"full\">September 10, 2009 at 6:00 pm</dd>");
    assertThat(html).contains("<dd id=\"day\">Thursday, September 10</dd>");
    assertThat(html).contains("<p id=\"number\">1,234,567</p>");
    for (String code : new String[] {"en_US", "es", "de", "zh_CN", "ar"}) {
      assertThat(html).contains("href=\"?lang=" + code + "\"");
    }
  }

  @Test
  void spanishFromTheBrowser(SquallClient client) {
    String html = page(client, "/i18n/", "es-MX,es;q=0.9");
    assertThat(html).contains("<html lang=\"es\" dir=\"ltr\">", "<h1>Squall en tu idioma</h1>");
    assertThat(html).contains("<li>1 mensaje nuevo</li>", "<li>5 mensajes nuevos</li>");
    assertThat(html).contains("<li>Ana, Luis y Mei están conectados</li>");
    assertThat(html).contains("<dd>hace 2 minutos</dd>", "<dd>hace 3 horas</dd>");
    assertThat(html).containsPattern("<dd>ayer a las \\d{1,2}:\\d\\d</dd>");
    assertThat(html).contains("<dd id=\"full\">10 de septiembre de 2009 a las 18:00</dd>");
    assertThat(html).contains("<dd id=\"day\">jueves, 10 de septiembre</dd>");
    assertThat(html).contains("<p id=\"number\">1234567</p>");
  }

  @Test
  void germanFromLangOverTheBrowser(SquallClient client) {
    String html = page(client, "/i18n/?lang=de&n=21", "es");
    assertThat(html).contains("<html lang=\"de\" dir=\"ltr\">", "Squall in deiner Sprache");
    assertThat(html).contains("<li>21 neue Nachrichten</li>", "<li>1 neue Nachricht</li>");
    assertThat(html).contains("<dd>vor 2 Minuten</dd>", "Ana, Luis und Mei sind online");
    assertThat(html).contains("<dd id=\"full\">10. September 2009 um 18:00</dd>");
    assertThat(html).contains("<dd id=\"day\">Donnerstag, 10. September</dd>");
    assertThat(html).contains("value=\"21\"");
  }

  @Test
  void chineseWithItsClock(SquallClient client) {
    String html = page(client, "/i18n/", "zh-CN,zh;q=0.9");
    assertThat(html).contains("<html lang=\"zh-CN\" dir=\"ltr\">", "用你的语言看 Squall");
    assertThat(html).contains("<li>5 条新消息</li>", "<dd>2 分钟前</dd>");
    assertThat(html).contains("<dd id=\"full\">2009年九月10日 下午6:00</dd>");
  }

  @Test
  void arabicRightToLeft(SquallClient client) {
    String html = page(client, "/i18n/", "ar");
    assertThat(html).contains("<html lang=\"ar\" dir=\"rtl\">", "<h1>Squall بلغتك</h1>");
    assertThat(html).contains("<li>1 رسالة جديدة</li>", "<li>11 رسائل جديدة</li>");
    assertThat(html).contains("<dd>منذ 2 دقيقة</dd>", "Ana, Luis وMei متصلون");
    assertThat(html).contains("<dd id=\"full\">10 سبتمبر 2009 الساعة 18:00</dd>");
  }

  @Test
  void aBadCountIsA400(SquallClient client) {
    for (String n : new String[] {"abc", "-1", "99999999999", "1.5"}) {
      try (ExpectLog log = ExpectLog.expect("squall", "400 GET /i18n/\\?n=")) {
        FetchResponse r = client.fetch("/i18n/?n=" + n);
        assertThat(r.status()).as("n=%s", n).isEqualTo(400);
        assertThat(r.text()).contains("n must be a whole number");
      }
    }
  }
}
