package io.squall.web.internal;

import io.squall.locale.Locale;
import io.squall.template.KeywordFunction;
import io.squall.template.Template;
import io.squall.template.TemplateFunction;
import io.squall.template.UIModule;
import io.squall.template.UIModules;
import io.squall.web.RequestHandler;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Template rendering for a handler (Tornado's {@code render_string} and {@code
 * get_template_namespace}): a template rendered with the handler's namespace, the UI modules of the
 * {@code uiModules} setting and the model.
 */
public final class TemplateRenderer {
  private TemplateRenderer() {}

  /**
   * Renders {@code t} with {@code namespace}, then {@code modules} under {@link
   * UIModules#NAMESPACE_KEY}, then {@code model} (later entries win).
   */
  public static String render(
      Template t, Map<String, Object> namespace, UIModules modules, Map<String, ?> model) {
    Map<String, Object> ns = new HashMap<>(namespace);
    ns.put(UIModules.NAMESPACE_KEY, modules);
    ns.putAll(model);
    return t.generate(ns);
  }

  /** A fresh registry of the {@code uiModules} setting's modules, made for {@code handler}. */
  public static UIModules newUiModules(RequestHandler handler) {
    Map<String, Supplier<UIModule>> factories = new HashMap<>();
    handler.settings().uiModules().forEach((k, f) -> factories.put(k, () -> f.apply(handler)));
    return new UIModules(
        factories,
        path -> handler.settings().staticPath() == null ? path : handler.staticUrl(path));
  }

  /**
   * The default template namespace: {@code handler}, {@code request}, {@code current_user}, {@code
   * locale}, {@code _}, {@code static_url}, {@code xsrf_form_html}, {@code reverse_url}.
   */
  public static Map<String, Object> defaultNamespace(RequestHandler handler) {
    Map<String, Object> ns = new HashMap<>();
    ns.put("handler", handler);
    ns.put("request", handler.request());
    ns.put("current_user", handler.currentUser());
    ns.put("locale", handler.getLocale());
    Locale locale = handler.getLocale();
    ns.put("_", (KeywordFunction) locale::translate);
    ns.put("pgettext", (KeywordFunction) locale::pgettext);
    ns.put(
        "static_url",
        (KeywordFunction)
            a -> {
              a.expect("static_url", "path", "include_host");
              return handler.staticUrl(
                  String.valueOf(a.get(0, "path")), a.flag(1, "include_host", false));
            });
    ns.put("xsrf_form_html", (Supplier<String>) handler::xsrfFormHtml);
    ns.put(
        "reverse_url",
        (TemplateFunction)
            args -> {
              if (args.length == 0) {
                throw new IllegalArgumentException("reverse_url needs a route name");
              }
              return handler.reverseUrl(
                  String.valueOf(args[0]), Arrays.copyOfRange(args, 1, args.length));
            });
    return ns;
  }
}
