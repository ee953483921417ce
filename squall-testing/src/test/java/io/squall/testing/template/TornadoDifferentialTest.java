package io.squall.testing.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.template.TemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squall's templates against real Tornado: a corpus of templates (every case of Tornado's
 * template_test.py that needs no Python-only object, cases written for each construct of the
 * expression language, and generated combinations) is rendered by Tornado in one Python process and
 * by Squall; outputs must be identical, and a case that fails in one must fail in the other with
 * the same Python exception type, except for the differences listed in {@link KnownDifferences}
 * (and in docs/templates.md).
 */
class TornadoDifferentialTest {
  private static final Pattern PY_ERROR = Pattern.compile("^([A-Z][A-Za-z]*Error): ");

  @TempDir static Path dir;

  private static List<Map<String, Object>> corpus;
  private static Map<String, TornadoRenderer.Result> tornado;

  @BeforeAll
  static void renderWithTornado() throws Exception {
    corpus = new ArrayList<>(TornadoRenderer.resourceCases("cases.json"));
    corpus.addAll(GeneratedCases.all());
    tornado = TornadoRenderer.render(corpus, dir, null);
  }

  @Test
  void corpusIsLargeAndCoversTornadosOwnTests() {
    assertThat(corpus).hasSizeGreaterThan(500);
    assertThat(corpus.stream().filter(c -> ((String) c.get("name")).startsWith("tornado.")))
        .hasSizeGreaterThan(50);
    assertThat(tornado).hasSize(corpus.size());
    long rendered = tornado.values().stream().filter(r -> r.error() == null).count();
    System.out.printf(
        "differential corpus: %d cases, %d rendered by Tornado, %d failing in Tornado%n",
        corpus.size(), rendered, corpus.size() - rendered);
    // Most cases must compare output, not just agree that both fail.
    assertThat(rendered).isGreaterThan(corpus.size() / 2);
  }

  @TestFactory
  Stream<DynamicTest> squallRendersLikeTornado() {
    return corpus.stream()
        .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
  }

  private static void check(Map<String, Object> c) {
    String name = (String) c.get("name");
    TornadoRenderer.Result expected = tornado.get(name);
    SquallRenderer.Result actual = SquallRenderer.render(c, Map.of(), Map.of());
    String difference = KnownDifferences.reason(name);
    String mismatch = mismatch(expected, actual);
    if (difference != null) {
      assertThat(mismatch)
          .as(
              "%s is listed as a known difference (%s) but Squall now matches Tornado",
              name, difference)
          .isNotNull();
      return;
    }
    assertThat(mismatch).as(name).isNull();
  }

  /** Why Squall's result is not Tornado's, or null when they agree. */
  static String mismatch(TornadoRenderer.Result expected, SquallRenderer.Result actual) {
    if (expected.error() == null && actual.error() == null) {
      // Tornado 6.2 escapes ' as &#39;, later Tornado (html.escape) and Squall as &#x27;.
      String tornadoOutput = expected.output().replace("&#39;", "&#x27;");
      return tornadoOutput.equals(actual.output())
          ? null
          : "Tornado rendered ["
              + expected.output()
              + "] but Squall rendered ["
              + actual.output()
              + "]";
    }
    if (expected.error() != null && actual.error() != null) {
      String squallType = pythonType(actual.error());
      Matcher m = PY_ERROR.matcher(expected.error());
      String tornadoType = m.find() ? m.group(1) : null;
      if (squallType != null
          && tornadoType != null
          && !squallType.equals(tornadoType)
          && !equivalent(tornadoType, squallType)) {
        return "Tornado raised "
            + expected.error()
            + " but Squall raised "
            + actual.error().getMessage();
      }
      return null;
    }
    if (expected.error() != null) {
      return "Tornado raised "
          + expected.error()
          + " but Squall rendered ["
          + actual.output()
          + "]";
    }
    return "Tornado rendered ["
        + expected.output()
        + "] but Squall raised "
        + actual.error().getMessage();
  }

  /** Syntax errors: Tornado reports Python's SyntaxError, Squall a TemplateException at compile. */
  private static boolean equivalent(String tornadoType, String squallType) {
    return tornadoType.equals("ParseError") || tornadoType.equals("SyntaxError");
  }

  private static String pythonType(RuntimeException e) {
    if (e instanceof TemplateException t && t.expression() != null) {
      Matcher m = PY_ERROR.matcher(t.reason());
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }
}
