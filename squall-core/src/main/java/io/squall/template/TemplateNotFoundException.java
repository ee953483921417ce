package io.squall.template;

/**
 * A loader has no template by the requested name, or the name points outside the loader's root.
 * When the missing template was named by an {@code {% include %}} or {@code {% extends %}}, {@link
 * #templateName()} and {@link #line()} point at that tag (otherwise they are {@code null} and 0);
 * {@link #missingTemplate()} is always the name that was asked for.
 */
public class TemplateNotFoundException extends TemplateException {
  private final String missingTemplate;

  /**
   * A template was asked for directly and is missing.
   *
   * @param missingTemplate the name that was asked for
   * @param reason why, e.g. "not found in /srv/templates"
   */
  public TemplateNotFoundException(String missingTemplate, String reason) {
    this(missingTemplate, reason, null, 0, null);
  }

  /**
   * A template named by a tag in another template is missing.
   *
   * @param missingTemplate the name that was asked for
   * @param reason why
   * @param templateName the template that names it, or {@code null}
   * @param line the line of the tag that names it
   * @param cause the loader's exception, or {@code null}
   */
  public TemplateNotFoundException(
      String missingTemplate, String reason, String templateName, int line, Throwable cause) {
    super("template '" + missingTemplate + "' " + reason, templateName, line, null, null, cause);
    this.missingTemplate = missingTemplate;
  }

  /** The template name that could not be loaded. */
  public String missingTemplate() {
    return missingTemplate;
  }
}
