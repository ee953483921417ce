package io.squall.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpHeadersTest {

  @Test
  void lookupIgnoresCaseAndKeepsSpelling() {
    HttpHeaders h = new HttpHeaders().add("Content-Type", "text/html").add("x-lower", "1");
    assertThat(h.get("content-type")).isEqualTo("text/html");
    assertThat(h.get("CONTENT-TYPE")).isEqualTo("text/html");
    assertThat(h.contains("X-LOWER")).isTrue();
    assertThat(h.names()).containsExactly("Content-Type", "x-lower");
    assertThat(h.get("missing")).isNull();
    assertThat(h.get("missing", "d")).isEqualTo("d");
  }

  @Test
  void repeatedFieldsStaySeparate() {
    HttpHeaders h =
        new HttpHeaders().add("Set-Cookie", "A=B").add("X", "1").add("set-cookie", "C=D");
    assertThat(h.get("Set-Cookie")).isEqualTo("A=B");
    assertThat(h.getAll("SET-COOKIE")).containsExactly("A=B", "C=D");
    assertThat(h.getJoined("set-cookie")).isEqualTo("A=B,C=D");
    assertThat(h.getJoined("X")).isEqualTo("1");
    assertThat(h.getJoined("nope")).isNull();
    assertThat(h.getAll("nope")).isEmpty();
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.names()).containsExactly("Set-Cookie", "X");
  }

  @Test
  void iterationIsInInsertionOrder() {
    HttpHeaders h = HttpHeaders.of("B", "1", "A", "2", "b", "3");
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, String> e : h) {
      seen.add(e.getKey() + "=" + e.getValue());
    }
    assertThat(seen).containsExactly("B=1", "A=2", "b=3");
    List<String> viaForEach = new ArrayList<>();
    h.forEachField((n, v) -> viaForEach.add(n + "=" + v));
    assertThat(viaForEach).isEqualTo(seen);
    assertThat(h.name(2)).isEqualTo("b");
    assertThat(h.value(1)).isEqualTo("2");
    assertThatThrownBy(() -> h.name(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(h.toString()).isEqualTo("B: 1\nA: 2\nb: 3\n");
  }

  @Test
  void setReplacesAllInPlaceOfTheFirst() {
    HttpHeaders h = HttpHeaders.of("A", "1", "X", "2", "a", "3", "B", "4");
    h.set("a", "new");
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.name(0)).isEqualTo("a");
    assertThat(h.value(0)).isEqualTo("new");
    assertThat(h.getAll("A")).containsExactly("new");
    h.set("C", "5");
    assertThat(h.name(3)).isEqualTo("C");
  }

  @Test
  void removeDropsEveryField() {
    HttpHeaders h = HttpHeaders.of("A", "1", "X", "2", "a", "3");
    assertThat(h.remove("A")).isTrue();
    assertThat(h.remove("A")).isFalse();
    assertThat(h.size()).isEqualTo(1);
    assertThat(h.get("X")).isEqualTo("2");
    h.clear();
    assertThat(h.isEmpty()).isTrue();
  }

  @Test
  void growsBeyondInitialCapacity() {
    HttpHeaders h = new HttpHeaders();
    for (int i = 0; i < 100; i++) {
      h.add("H" + i, "v" + i);
    }
    assertThat(h.size()).isEqualTo(100);
    assertThat(h.get("h99")).isEqualTo("v99");
    HttpHeaders copy = new HttpHeaders(h);
    h.set("H0", "changed");
    assertThat(copy.get("H0")).isEqualTo("v0");
    assertThat(copy.size()).isEqualTo(100);
  }

  @Test
  void containsToken() {
    HttpHeaders h = HttpHeaders.of("Connection", "keep-alive, Upgrade", "Connection", " close ");
    assertThat(h.containsToken("connection", "upgrade")).isTrue();
    assertThat(h.containsToken("connection", "CLOSE")).isTrue();
    assertThat(h.containsToken("connection", "keep")).isFalse();
    assertThat(h.containsToken("other", "close")).isFalse();
  }

  @Test
  void emptyIsReadOnly() {
    HttpHeaders e = HttpHeaders.empty();
    assertThat(e.isEmpty()).isTrue();
    assertThatThrownBy(() -> e.add("A", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.set("A", "b")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.remove("A")).isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bad Name", "Colon:", "Tab\t", "Paren(", "Uml\u00e4ut", "New\nLine"})
  void refusesInvalidNames(String name) {
    assertThatThrownBy(() -> new HttpHeaders().add(name, "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid header name");
    assertThatThrownBy(() -> new HttpHeaders().set(name, "v"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\r\nSet-Cookie: x=1",
        "a\nb",
        "a\rb",
        "a\u0000b",
        "a\u0007b",
        "a\u007fb",
        "\u010d\u010a"
      })
  void refusesResponseSplittingValues(String value) {
    assertThatThrownBy(() -> new HttpHeaders().add("X", value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid value for header X");
    HttpHeaders h = HttpHeaders.of("X", "ok");
    assertThatThrownBy(() -> h.set("X", value)).isInstanceOf(IllegalArgumentException.class);
    assertThat(h.get("X")).isEqualTo("ok");
  }

  @Test
  void errorMessageNamesTheProblem() {
    assertThatThrownBy(() -> new HttpHeaders().add("X", "a\r\nb")).hasMessageContaining("CR");
    assertThatThrownBy(() -> new HttpHeaders().add("X", "a\nb")).hasMessageContaining("LF");
    assertThatThrownBy(() -> new HttpHeaders().add("X", "a\u0000b")).hasMessageContaining("NUL");
  }

  @Test
  void acceptsTabsObsTextAndAllTokenChars() {
    HttpHeaders h = new HttpHeaders().add("!#$%&'*+-.^_`|~09azAZ", "a\tb caf\u00e9 \u00ff");
    assertThat(h.get("!#$%&'*+-.^_`|~09AZaz")).isEqualTo("a\tb caf\u00e9 \u00ff");
  }

  @Test
  void ofNeedsPairs() {
    assertThatThrownBy(() -> HttpHeaders.of("A")).isInstanceOf(IllegalArgumentException.class);
  }
}
