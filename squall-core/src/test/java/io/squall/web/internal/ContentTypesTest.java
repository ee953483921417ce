package io.squall.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContentTypesTest {
  @Test
  void commonTypes() {
    assertThat(ContentTypes.forFileName("index.html")).isEqualTo("text/html; charset=utf-8");
    assertThat(ContentTypes.forFileName("a.css")).isEqualTo("text/css; charset=utf-8");
    assertThat(ContentTypes.forFileName("a.js")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(ContentTypes.forFileName("a.mjs")).isEqualTo("text/javascript; charset=utf-8");
    assertThat(ContentTypes.forFileName("a.json")).isEqualTo("application/json");
    assertThat(ContentTypes.forFileName("a.js.map")).isEqualTo("application/json");
    assertThat(ContentTypes.forFileName("a.svg")).isEqualTo("image/svg+xml");
    assertThat(ContentTypes.forFileName("a.png")).isEqualTo("image/png");
    assertThat(ContentTypes.forFileName("a.jpg")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forFileName("a.jpeg")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forFileName("a.gif")).isEqualTo("image/gif");
    assertThat(ContentTypes.forFileName("a.webp")).isEqualTo("image/webp");
    assertThat(ContentTypes.forFileName("favicon.ico")).isEqualTo("image/x-icon");
    assertThat(ContentTypes.forFileName("a.txt")).isEqualTo("text/plain; charset=utf-8");
    assertThat(ContentTypes.forFileName("a.xml")).isEqualTo("text/xml; charset=utf-8");
    assertThat(ContentTypes.forFileName("a.wasm")).isEqualTo("application/wasm");
    assertThat(ContentTypes.forFileName("a.woff")).isEqualTo("font/woff");
    assertThat(ContentTypes.forFileName("a.woff2")).isEqualTo("font/woff2");
    assertThat(ContentTypes.forFileName("a.pdf")).isEqualTo("application/pdf");
    assertThat(ContentTypes.forFileName("a.mp4")).isEqualTo("video/mp4");
    assertThat(ContentTypes.forFileName("a.tar.gz")).isEqualTo("application/gzip");
  }

  @Test
  void caseAndPathsAndUnknowns() {
    assertThat(ContentTypes.forFileName("PHOTO.JPG")).isEqualTo("image/jpeg");
    assertThat(ContentTypes.forFileName("dir.d/file")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forFileName("a.unknownext")).isEqualTo("application/octet-stream");
    assertThat(ContentTypes.forFileName("README")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forFileName(".css")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forFileName("a.")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forFileName("")).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forFileName(null)).isEqualTo(ContentTypes.DEFAULT);
    assertThat(ContentTypes.forPath(Path.of("x", "y.html"))).startsWith("text/html");
    assertThat(ContentTypes.forPath(Path.of("/"))).isEqualTo(ContentTypes.DEFAULT);
  }

  @Test
  void compressibility() {
    assertThat(ContentTypes.isCompressible("text/html; charset=utf-8")).isTrue();
    assertThat(ContentTypes.isCompressible("text/plain")).isTrue();
    assertThat(ContentTypes.isCompressible("TEXT/CSS")).isTrue();
    assertThat(ContentTypes.isCompressible("application/json")).isTrue();
    assertThat(ContentTypes.isCompressible("application/javascript")).isTrue();
    assertThat(ContentTypes.isCompressible("application/xml")).isTrue();
    assertThat(ContentTypes.isCompressible("image/svg+xml")).isTrue();
    assertThat(ContentTypes.isCompressible("application/vnd.api+json")).isTrue();
    assertThat(ContentTypes.isCompressible(ContentTypes.forFileName("a.mjs"))).isTrue();
    assertThat(ContentTypes.isCompressible("image/png")).isFalse();
    assertThat(ContentTypes.isCompressible("application/gzip")).isFalse();
    assertThat(ContentTypes.isCompressible("application/octet-stream")).isFalse();
    assertThat(ContentTypes.isCompressible("video/mp4")).isFalse();
    assertThat(ContentTypes.isCompressible("font/woff2")).isFalse();
    assertThat(ContentTypes.isCompressible("")).isFalse();
    assertThat(ContentTypes.isCompressible(null)).isFalse();
  }
}
