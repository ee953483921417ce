package io.squall.demos;

import io.squall.escape.Escape;
import io.squall.template.ModuleArgs;
import io.squall.template.UIModule;
import io.squall.web.RequestHandler;
import io.squall.web.Settings;

/**
 * What {@code templates/base.html}, the layout of every hub page, needs from Java: the navigation
 * between demos and the box that says what the current page shows. Both come from {@link
 * DemoHub#DEMOS}, so a demo added there appears on every page.
 */
public final class DemoLayout {
  private DemoLayout() {}

  /**
   * Settings for a demo application whose pages use the layout: the demos' templates and static
   * files, and the layout's UI modules. Demos add their own settings and call {@code build()}.
   */
  public static Settings.Builder settings() {
    return Settings.builder()
        .templatePath(io.squall.demos.template.TemplateDemo.templatePath())
        .staticPath(DemoHub.staticPath())
        .uiModule("DemoNav", h -> new Nav())
        .uiModule("DemoAbout", About::new);
  }

  /** The demo whose path is the longest prefix of {@code path}, else the hub itself. */
  static Demo current(String path) {
    Demo best = DemoHub.HUB;
    for (Demo d : DemoHub.DEMOS) {
      String p = d.path().endsWith("/") ? d.path() : d.path() + "/";
      boolean inside = path.equals(d.path()) || path.startsWith(p);
      if (inside && d.path().length() > best.path().length()) {
        best = d;
      }
    }
    return best;
  }

  /** {@code {% module DemoNav() %}}: a link to every demo. */
  static final class Nav implements UIModule {
    @Override
    public String render(ModuleArgs args) {
      StringBuilder sb = new StringBuilder("<nav class=\"demos\" aria-label=\"Demos\">");
      for (Demo d : DemoHub.DEMOS) {
        sb.append("<a href=\"")
            .append(Escape.xhtmlEscape(d.path()))
            .append("\">")
            .append(Escape.xhtmlEscape(d.title()))
            .append("</a>");
      }
      return sb.append("</nav>").toString();
    }
  }

  /** {@code {% module DemoAbout() %}}: what this page shows, and the file that does it. */
  static final class About implements UIModule {
    private final RequestHandler handler;

    About(RequestHandler handler) {
      this.handler = handler;
    }

    @Override
    public String render(ModuleArgs args) {
      Demo d = current(handler.request().path());
      return "<section class=\"about\"><p>"
          + Escape.xhtmlEscape(d.summary())
          + "</p><p class=\"source\">Source: <code>"
          + Escape.xhtmlEscape(d.source())
          + "</code></p></section>";
    }
  }
}
