package io.squall.template.internal;

import io.squall.escape.Escape;
import io.squall.escape.LinkifyOptions;
import io.squall.template.TemplateFunction;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The names every template sees (Tornado's default namespace): {@code escape}/{@code xhtml_escape},
 * {@code url_escape}, {@code json_encode}, {@code squeeze}, {@code linkify}, plus {@code len},
 * {@code range} and the constants {@code None}, {@code True} and {@code False}.
 */
public final class Builtins {
  /** {@code xhtml_escape}; renderings recognise it to escape straight into their buffer. */
  public static final TemplateFunction XHTML_ESCAPE =
      args -> Escape.xhtmlEscape(Values.text(arg(args, 0, 1, "xhtml_escape")));

  private static final Map<String, Object> NAMES = new HashMap<>();

  static {
    NAMES.put("escape", XHTML_ESCAPE);
    NAMES.put("xhtml_escape", XHTML_ESCAPE);
    NAMES.put(
        "url_escape",
        (TemplateFunction)
            args -> {
              Object value = arg(args, 0, 2, "url_escape");
              boolean plus = args.length < 2 || Truth.test(args[1]);
              return value instanceof byte[] b
                  ? Escape.urlEscape(b, plus)
                  : Escape.urlEscape(Values.text(value), plus);
            });
    NAMES.put(
        "json_encode",
        (TemplateFunction) args -> Escape.jsonEncode(arg(args, 0, 1, "json_encode")));
    NAMES.put(
        "squeeze",
        (TemplateFunction) args -> Escape.squeeze(Values.text(arg(args, 0, 1, "squeeze"))));
    NAMES.put("linkify", (TemplateFunction) Builtins::linkify);
    NAMES.put("len", (TemplateFunction) args -> len(arg(args, 0, 1, "len")));
    NAMES.put("range", (TemplateFunction) Builtins::range);
    NAMES.put("None", null);
    NAMES.put("True", Boolean.TRUE);
    NAMES.put("False", Boolean.FALSE);
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

  private static Object arg(Object[] args, int index, int max, String function) {
    if (args.length <= index || args.length > max) {
      throw new IllegalArgumentException(
          function + "() takes " + (max == 1 ? "1 argument" : "1 to " + max + " arguments"));
    }
    return args[index];
  }

  /** {@code linkify(text, shorten, extra_params, require_protocol, permitted_protocols)}. */
  private static Object linkify(Object... args) {
    String text = Values.text(arg(args, 0, 5, "linkify"));
    LinkifyOptions options = LinkifyOptions.defaults();
    if (args.length > 1) {
      options = options.shorten(Truth.test(args[1]));
    }
    if (args.length > 2 && args[2] != null) {
      Object extra = args[2];
      if (Callables.isCallable(extra)) {
        Function<String, String> f = href -> Values.text(Callables.call(extra, href));
        options = options.extraParams(f);
      } else {
        options = options.extraParams(Values.text(extra));
      }
    }
    if (args.length > 3) {
      options = options.requireProtocol(Truth.test(args[3]));
    }
    if (args.length > 4 && args[4] != null) {
      options = options.permittedProtocols(strings(args[4]));
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

  /** Python's {@code len}: string length, collection or map size, array length. */
  static int len(Object value) {
    if (value instanceof CharSequence s) {
      return s.length();
    }
    if (value instanceof Collection<?> c) {
      return c.size();
    }
    if (value instanceof Map<?, ?> m) {
      return m.size();
    }
    if (value != null && value.getClass().isArray()) {
      return Array.getLength(value);
    }
    throw new IllegalArgumentException(
        "len() of " + (value == null ? "None" : value.getClass().getSimpleName()));
  }

  /** Python's {@code range(stop)}, {@code range(start, stop)}, {@code range(start, stop, step)}. */
  private static Object range(Object... args) {
    if (args.length < 1 || args.length > 3) {
      throw new IllegalArgumentException("range() takes 1 to 3 arguments");
    }
    int[] n = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      if (!(args[i] instanceof Number num)) {
        throw new IllegalArgumentException("range() arguments must be integers");
      }
      n[i] = Math.toIntExact(num.longValue());
    }
    return switch (n.length) {
      case 1 -> new IntRange(0, n[0], 1);
      case 2 -> new IntRange(n[0], n[1], 1);
      default -> new IntRange(n[0], n[1], n[2]);
    };
  }
}
