package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpStatusReasonsTest {
  @Test
  void registeredCodes() {
    assertThat(HttpStatusReasons.reason(100)).isEqualTo("Continue");
    assertThat(HttpStatusReasons.reason(200)).isEqualTo("OK");
    assertThat(HttpStatusReasons.reason(206)).isEqualTo("Partial Content");
    assertThat(HttpStatusReasons.reason(304)).isEqualTo("Not Modified");
    assertThat(HttpStatusReasons.reason(404)).isEqualTo("Not Found");
    assertThat(HttpStatusReasons.reason(413)).isEqualTo("Content Too Large");
    assertThat(HttpStatusReasons.reason(416)).isEqualTo("Range Not Satisfiable");
    assertThat(HttpStatusReasons.reason(431)).isEqualTo("Request Header Fields Too Large");
    assertThat(HttpStatusReasons.reason(500)).isEqualTo("Internal Server Error");
    assertThat(HttpStatusReasons.reason(505)).isEqualTo("HTTP Version Not Supported");
    assertThat(HttpStatusReasons.reason(511)).isEqualTo("Network Authentication Required");
  }

  @Test
  void everyCodeTheServerEmitsIsKnown() {
    for (int code :
        new int[] {
          101, 200, 201, 204, 206, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 408, 411,
          413, 414, 416, 429, 431, 500, 501, 502, 503, 504, 505
        }) {
      assertThat(HttpStatusReasons.isKnown(code)).as("%d", code).isTrue();
      assertThat(HttpStatusReasons.reason(code)).isNotEqualTo(HttpStatusReasons.UNKNOWN);
    }
  }

  @Test
  void unknownCodes() {
    for (int code : new int[] {-1, 0, 99, 199, 299, 306, 419, 420, 499, 509, 599, 600, 999}) {
      assertThat(HttpStatusReasons.reason(code)).as("%d", code).isEqualTo("Unknown");
      assertThat(HttpStatusReasons.isKnown(code)).isFalse();
    }
  }
}
