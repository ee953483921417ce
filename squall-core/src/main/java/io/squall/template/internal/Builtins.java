package io.squall.template.internal;

import io.squall.escape.Escape;
import io.squall.escape.LinkifyOptions;
import io.squall.template.KeywordFunction;
import io.squall.template.TemplateArgs;
import io.squall.template.internal.py.PyBuiltins;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The names every template sees: Tornado's default namespace ({@code escape}/{@code xhtml_escape},
 * {@code url_escape}, {@code json_encode}, {@code squeeze}, {@code linkify}), with Tornado's
 * parameter names for keyword arguments, plus Python's built-in functions.
 */
public final class Builtins {
  /** {@code xhtml_escape}; renderings recognise it to escape straight into their buffer. */
  public static final KeywordFunction XHTML_ESCAPE =
      args -> Escape.xhtmlEscape(Values.text(args.expect("xhtml_escape", "value").get(0, "value")));

  private static final Map<String, Object> NAMES = new HashMap<>();

  static {
    NAMES.putAll(PyBuiltins.functions());
    NAMES.put("escape", XHTML_ESCAPE);
    NAMES.put("xhtml_escape", XHTML_ESCAPE);
    NAMES.put(
        "url_escape",
        (KeywordFunction)
            args -> {
              args.expect("url_escape", "value", "plus");
              Object value = args.get(0, "value");
              boolean plus = args.flag(1, "plus", true);
              return value instanceof byte[] b
                  ? Escape.urlEscape(b, plus)
                  : Escape.urlEscape(Values.text(value), plus);
            });
    NAMES.put(
        "json_encode",
        (KeywordFunction)
            args -> Escape.jsonEncode(args.expect("json_encode", "value").get(0, "value")));
    NAMES.put(
        "squeeze",
        (KeywordFunction)
            args -> Escape.squeeze(Values.text(args.expect("squeeze", "value").get(0, "value"))));
    NAMES.put("linkify", (KeywordFunction) Builtins::linkify);
  }

  private Builtins() {}

  /** The built-in value for {@code name}, or {@code null}. */
  public static Object get(String name) {
    return NAMES.get(name);
  }

  /** Whether {@code name} is built in. */
  public static boolean has(String name) {
    return NAMES.containsKey(name);
  }

  /** {@code linkify(text, shorten, extra_params, require_protocol, permitted_protocols)}. */
  private static Object linkify(TemplateArgs args) {
    args.expect(
        "linkify", "text", "shorten", "extra_params", "require_protocol", "permitted_protocols");
    String text = Values.text(args.get(0, "text"));
    LinkifyOptions options = LinkifyOptions.defaults();
    if (args.has(1, "shorten")) {
      options = options.shorten(args.flag(1, "shorten", false));
    }
    Object extra = args.get(2, "extra_params", null);
    if (extra != null) {
      if (Callables.isCallable(extra)) {
        Function<String, String> f = href -> Values.text(Callables.call(extra, href));
        options = options.extraParams(f);
      } else {
        options = options.extraParams(Values.text(extra));
      }
    }
    if (args.has(3, "require_protocol")) {
      options = options.requireProtocol(args.flag(3, "require_protocol", false));
    }
    Object protocols = args.get(4, "permitted_protocols", null);
    if (protocols != null) {
      options = options.permittedProtocols(strings(protocols));
    }
    return Escape.linkify(text, options);
  }

  private static String[] strings(Object value) {
    Iterator<?> it = Iteration.iterator(value);
    List<String> out = new ArrayList<>();
    while (it.hasNext()) {
      out.add(Values.text(it.next()));
    }
    return out.toArray(String[]::new);
  }
}
