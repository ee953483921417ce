package io.squall.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Loads templates from files under one root directory (Tornado's {@code Loader}). Template names
 * are {@code /}-separated paths relative to the root; files are read as UTF-8. Names that would
 * leave the root are refused.
 *
 * <pre>{@code
 * Loader loader = new Loader(Path.of("templates"));
 * String html = loader.load("index.html").generate(Map.of("items", items));
 * }</pre>
 *
 * <p>With {@link TemplateSettings#debug()} on, a template is compiled again when the modification
 * time or size of its file, or of any file it extends or includes, changes.
 */
public class Loader extends BaseLoader {
  private final Path root;

  /** A loader for {@code root} with the default settings. */
  public Loader(Path root) {
    this(root, TemplateSettings.defaults());
  }

  /** A loader for {@code root}. */
  public Loader(Path root, TemplateSettings settings) {
    super(settings);
    this.root = root.toAbsolutePath().normalize();
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  private Path file(String name) {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new TemplateNotFoundException(name, "is outside " + root);
    }
    return p;
  }

  @Override
  protected String readTemplate(String name) {
    Path p = file(name);
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TemplateNotFoundException(name, "not found in " + root);
    } catch (IOException e) {
      if (Files.isDirectory(p)) {
        throw new TemplateNotFoundException(name, "is a directory in " + root);
      }
      throw new TemplateException("cannot read template: " + e, name, 0, null, null, e);
    }
  }

  @Override
  protected long version(String name) {
    try {
      BasicFileAttributes a = Files.readAttributes(file(name), BasicFileAttributes.class);
      return a.lastModifiedTime().toMillis() * 31 + a.size();
    } catch (IOException | TemplateException e) {
      return -1L;
    }
  }
}
