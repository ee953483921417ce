package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EtagsTest {
  // SHA-1 of "hello".
  private static final String HELLO = "\"aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d\"";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void computesTornadoStyleTags() {
    assertThat(Etags.strong(bytes("hello"))).isEqualTo(HELLO);
    assertThat(Etags.strong(bytes("xxhelloyy"), 2, 5)).isEqualTo(HELLO);
    assertThat(Etags.weak(bytes("hello"))).isEqualTo("W/" + HELLO);
    assertThat(Etags.strong(new byte[0])).isEqualTo("\"da39a3ee5e6b4b0d3255bfef95601890afd80709\"");
  }

  @Test
  void chunksHashAsTheirConcatenationWithoutConsumingThem() {
    ByteBuffer a = ByteBuffer.wrap(bytes("he"));
    ByteBuffer b = ByteBuffer.wrap(bytes("llo"));
    assertThat(Etags.strong(List.of(a, b))).isEqualTo(HELLO);
    assertThat(a.remaining()).isEqualTo(2);
    assertThat(Etags.weak(List.of(a, b))).isEqualTo("W/" + HELLO);
    assertThat(Etags.strong(List.of())).isEqualTo(Etags.strong(new byte[0]));
  }

  @Test
  void virtualThreadsGetTheSameAnswer() throws Exception {
    try (var ex = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> f = ex.submit(() -> Etags.strong(bytes("hello")));
      assertThat(f.get()).isEqualTo(HELLO);
    }
  }

  @Test
  void ifNoneMatchExactAndWeak() {
    assertThat(Etags.ifNoneMatch(HELLO, HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("W/" + HELLO, HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch(HELLO, "W/" + HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("W/" + HELLO, "W/" + HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("\"other\"", HELLO)).isFalse();
    assertThat(Etags.ifNoneMatch("\"aaf4\"", HELLO)).isFalse();
  }

  @Test
  void ifNoneMatchLists() {
    assertThat(Etags.ifNoneMatch("\"a\", \"b\", " + HELLO, HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("\"a\",W/\"b\"," + HELLO, HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("\"a\", \"b\"", HELLO)).isFalse();
    assertThat(Etags.ifNoneMatch("\"x,y\", \"z\"", "\"x,y\"")).isTrue();
    assertThat(Etags.ifNoneMatch("\"x,y\"", "\"y\"")).isFalse();
    assertThat(Etags.ifNoneMatch("junk, " + HELLO, HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("\"a\" , ,  \"b\"", "\"b\"")).isTrue();
  }

  @Test
  void ifNoneMatchStar() {
    assertThat(Etags.ifNoneMatch("*", HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch(" * ", HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("\"a\", *", HELLO)).isTrue();
    assertThat(Etags.ifNoneMatch("*", null)).isFalse();
    assertThat(Etags.ifNoneMatch("*x", HELLO)).isFalse();
  }

  @Test
  void ifNoneMatchJunk() {
    assertThat(Etags.ifNoneMatch(null, HELLO)).isFalse();
    assertThat(Etags.ifNoneMatch("", HELLO)).isFalse();
    assertThat(Etags.ifNoneMatch(HELLO, "")).isFalse();
    assertThat(Etags.ifNoneMatch("\"unterminated", "\"unterminated\"")).isFalse();
    assertThat(Etags.ifNoneMatch("W/", HELLO)).isFalse();
    assertThat(Etags.ifNoneMatch("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d", HELLO)).isFalse();
    assertThat(Etags.ifNoneMatch("W/W/" + HELLO, HELLO)).isFalse();
  }
}
