package io.squall.testing.template;

import io.squall.template.DictLoader;
import io.squall.template.Template;
import io.squall.template.TemplateException;
import io.squall.template.TemplateFunction;
import io.squall.template.TemplateSettings;
import io.squall.template.WhitespaceMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Renders one differential case with Squall, with the same functions the Python side has. */
final class SquallRenderer {
  private SquallRenderer() {}

  /** The Java versions of render_corpus.py's FUNCTIONS. */
  static final Map<String, Object> FUNCTIONS =
      Map.of(
          "upper",
          (Function<Object, Object>) s -> s.toString().toUpperCase(Locale.ROOT),
          "inc",
          (TemplateFunction) a -> ((Number) a[0]).longValue() + 1,
          "py_escape",
          (Function<Object, Object>) SquallRenderer::pythonRepr);

  /** Squall's output, or the exception it threw. */
  record Result(String output, RuntimeException error) {}

  @SuppressWarnings("unchecked")
  static Result render(
      Map<String, Object> c, Map<String, Object> extraArgs, Map<String, Object> extraNamespace) {
    try {
      Map<String, Object> args = new LinkedHashMap<>();
      Map<String, Object> given = (Map<String, Object>) c.getOrDefault("args", Map.of());
      given.forEach((k, v) -> args.put(k, value(v)));
      for (String f : (List<String>) c.getOrDefault("functions", List.of())) {
        args.put(f, FUNCTIONS.get(f));
      }
      args.putAll(extraArgs);
      if (c.containsKey("template")) {
        return new Result(new Template((String) c.get("template")).generate(args), null);
      }
      TemplateSettings.Builder settings = TemplateSettings.builder();
      for (String f : (List<String>) c.getOrDefault("namespace_functions", List.of())) {
        settings.namespace(f, FUNCTIONS.get(f));
      }
      settings.namespace(extraNamespace);
      if (c.containsKey("autoescape")) {
        settings.autoescape((String) c.get("autoescape"));
      }
      if (c.containsKey("whitespace")) {
        settings.whitespace(WhitespaceMode.of((String) c.get("whitespace")));
      }
      DictLoader loader =
          new DictLoader((Map<String, String>) c.get("templates"), settings.build());
      return new Result(loader.load((String) c.get("main")).generate(args), null);
    } catch (TemplateException | IllegalArgumentException e) {
      return new Result(null, e);
    }
  }

  /** JSON values as Squall sees them: {"$obj": {...}} is a map (attributes read its keys). */
  @SuppressWarnings("unchecked")
  static Object value(Object v) {
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        out.add(value(o));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.containsKey("$obj")) {
        return value(m.get("$obj"));
      }
      if (m.size() == 1 && m.containsKey("$date")) {
        return DemoNamespace.DemoDate.parse((String) m.get("$date"));
      }
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, x) -> out.put(k, value(x)));
      return out;
    }
    return v;
  }

  /** Python's repr of a string (what py_escape returns for the values the corpus passes). */
  static String pythonRepr(Object o) {
    String s = o instanceof String str ? str : String.valueOf(o);
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(q);
    for (char ch : s.toCharArray()) {
      if (ch == q || ch == '\\') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.append(q).toString();
  }
}
