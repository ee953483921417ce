package io.squall.testing.template;

import io.squall.escape.Escape;
import io.squall.escape.LinkifyOptions;
import io.squall.template.BaseLoader;
import io.squall.template.KeywordFunction;
import io.squall.template.ModuleArgs;
import io.squall.template.TemplateArgs;
import io.squall.template.TemplateFacing;
import io.squall.template.TemplateFunction;
import io.squall.template.TemplateModule;
import io.squall.template.UIModule;
import io.squall.template.UIModules;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Java stand-ins for the Python objects Tornado's demo handlers put in their templates' namespace:
 * dates with {@code strftime}, the {@code datetime} module's {@code strptime}, and an en_US {@code
 * locale} whose {@code format_date} takes Tornado's keyword arguments through {@link TemplateArgs}
 * (the contract io.squall.locale follows).
 */
public final class DemoNamespace {
  static final String XSRF = "<input type=\"hidden\" name=\"_xsrf\" value=\"2|abcd|0123|4567\"/>";

  private DemoNamespace() {}

  /** What demo_namespace.py's handler_namespace gives Tornado, for Squall. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> handlerNamespace(BaseLoader loader, Map<String, Object> args) {
    Map<String, Object> ns = new HashMap<>();
    ns.put("locale", new DemoLocale());
    ns.put("_", (TemplateFunction) a -> a[0]);
    ns.put(
        "static_url",
        (KeywordFunction) a -> "/static/" + a.get(0, "path").toString().strip() + "?v=5e1b");
    ns.put("xsrf_form_html", (Supplier<String>) () -> XSRF);
    ns.put("datetime", new DatetimeModule());
    if (args.get("request") instanceof Map<?, ?> request) {
      ((Map<String, Object>) request)
          .put(
              "full_url",
              (Supplier<String>) () -> "http://" + request.get("host") + request.get("path"));
    }
    Map<String, Object> all = new HashMap<>(args);
    all.putAll(ns);
    Map<String, Supplier<UIModule>> factories = new HashMap<>();
    factories.put("Template", () -> new TemplateModule(loader, all));
    factories.put("xsrf_form_html", () -> a -> XSRF);
    factories.put(
        "linkify", () -> a -> Escape.linkify(String.valueOf(a.get(0)), LinkifyOptions.defaults()));
    factories.put("Entry", () -> a -> render(loader, all, "modules/entry.html", "entry", a));
    factories.put("Post", () -> a -> render(loader, all, "modules/post.html", "post", a));
    UIModules modules = new UIModules(factories);
    all.put(UIModules.NAMESPACE_KEY, modules);
    ns.put(UIModules.NAMESPACE_KEY, modules);
    Map<String, Object> moduleFunctions = new HashMap<>();
    moduleFunctions.put(
        "Post",
        (KeywordFunction)
            a -> modules.render("Post", new ModuleArgs(a.positional(), a.keywords())));
    ns.put("modules", moduleFunctions);
    return ns;
  }

  private static String render(
      BaseLoader loader, Map<String, Object> ns, String path, String name, ModuleArgs a) {
    Map<String, Object> vars = new HashMap<>(ns);
    vars.put(name, a.get(0));
    return loader.load(path).generate(vars);
  }

  /** A naive UTC date-time, as Python's datetime. */
  @TemplateFacing // fixtures in a framework package say they are template-facing
  public static final class DemoDate implements Comparable<DemoDate> {
    final LocalDateTime value;

    DemoDate(LocalDateTime value) {
      this.value = value;
    }

    static DemoDate parse(String iso) {
      return new DemoDate(LocalDateTime.parse(iso));
    }

    /** Python's strftime for the directives the demos use. */
    public String strftime(String format) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < format.length(); i++) {
        char c = format.charAt(i);
        if (c != '%' || i + 1 >= format.length()) {
          out.append(c);
          continue;
        }
        char d = format.charAt(++i);
        switch (d) {
          case 'Y' -> out.append(value.getYear());
          case 'm' -> out.append(String.format("%02d", value.getMonthValue()));
          case 'd' -> out.append(String.format("%02d", value.getDayOfMonth()));
          case 'H' -> out.append(String.format("%02d", value.getHour()));
          case 'M' -> out.append(String.format("%02d", value.getMinute()));
          case 'S' -> out.append(String.format("%02d", value.getSecond()));
          case 'b' -> out.append(value.getMonth().getDisplayName(TextStyle.SHORT, Locale.US));
          case '%' -> out.append('%');
          default -> throw new IllegalArgumentException("unsupported strftime directive %" + d);
        }
      }
      return out.toString();
    }

    @Override
    public int compareTo(DemoDate o) {
      return value.compareTo(o.value);
    }

    @Override
    public String toString() {
      return value.toString().replace('T', ' ');
    }
  }

  /** {@code datetime.datetime.strptime} for the one format the Facebook demo parses. */
  @TemplateFacing // fixtures in a framework package say they are template-facing
  public static final class DatetimeClass {
    /** Parses {@code text} with a Python strptime format of %Y %m %d %H %M %S and literals. */
    public DemoDate strptime(String text, String format) {
      String pattern =
          format
              .replace("'", "''")
              .replace("%Y", "yyyy")
              .replace("%m", "MM")
              .replace("%d", "dd")
              .replace("%H", "HH")
              .replace("%M", "mm")
              .replace("%S", "ss")
              .replace("T", "'T'")
              .replace("+0000", "'+0000'");
      return new DemoDate(LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern)));
    }
  }

  /** The {@code datetime} module: {@code datetime.datetime.strptime(...)}. */
  @TemplateFacing // fixtures in a framework package say they are template-facing
  public static final class DatetimeModule {
    /** The {@code datetime.datetime} class. */
    public DatetimeClass getDatetime() {
      return new DatetimeClass();
    }
  }

  /** Tornado's en_US locale, for {@code format_date} of dates more than a year old. */
  @TemplateFacing // fixtures in a framework package say they are template-facing
  public static final class DemoLocale {
    /**
     * {@code locale.format_date(date, gmt_offset=0, relative=True, shorter=False,
     * full_format=False)}.
     */
    public String formatDate(TemplateArgs a) {
      a.expect("format_date", "date", "gmt_offset", "relative", "shorter", "full_format");
      DemoDate date = (DemoDate) a.get(0, "date");
      long offset = ((Number) a.get(1, "gmt_offset", 0)).longValue();
      boolean shorter = a.flag(3, "shorter", false);
      boolean full = a.flag(4, "full_format", false);
      LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
      if (!full && Duration.between(date.value, now).toDays() < 334) {
        throw new IllegalArgumentException("the stand-in formats only dates older than 334 days");
      }
      LocalDateTime local = date.value.minusMinutes(offset);
      String month = local.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
      int hour = local.getHour() % 12 == 0 ? 12 : local.getHour() % 12;
      String time =
          String.format("%d:%02d %s", hour, local.getMinute(), local.getHour() >= 12 ? "pm" : "am");
      String day = month + " " + local.getDayOfMonth() + ", " + local.getYear();
      return shorter ? day : day + " at " + time;
    }
  }
}
