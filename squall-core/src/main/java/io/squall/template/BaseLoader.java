package io.squall.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Loads templates by name and caches them compiled (Tornado's {@code BaseLoader}). Subclasses say
 * where the text comes from: {@link Loader} reads a directory, {@link DictLoader} a map.
 *
 * <p>Loaders are thread-safe: a cached template is returned without locking; compiling a missing
 * one happens under a lock, so each template compiles once even when several event loops ask for it
 * at the same moment. With {@link TemplateSettings#debug()} on, a cached template is compiled again
 * when its source or the source of any template it extends or includes has changed (as reported by
 * {@link #version}).
 */
public abstract class BaseLoader {
  private final TemplateSettings settings;
  private final ConcurrentMap<String, Template> templates = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  /** The templates being compiled, innermost first; guarded by {@link #lock}. */
  private final Deque<String> loading = new ArrayDeque<>();

  /**
   * Creates a loader.
   *
   * @param settings how to compile and render the templates
   */
  protected BaseLoader(TemplateSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings every template of this loader uses. */
  public TemplateSettings settings() {
    return settings;
  }

  /**
   * Returns the compiled template {@code name}, compiling it on first use.
   *
   * @throws TemplateNotFoundException if there is no such template
   * @throws TemplateException if it (or a template it extends or includes) does not compile
   */
  public Template load(String name) {
    return load(name, null);
  }

  /**
   * Returns the compiled template {@code name}, resolved relative to the template {@code
   * parentPath} (see {@link #resolvePath}).
   *
   * @throws TemplateNotFoundException if there is no such template
   * @throws TemplateException if it (or a template it extends or includes) does not compile
   */
  public Template load(String name, String parentPath) {
    String resolved = resolvePath(name, parentPath);
    Template cached = templates.get(resolved);
    if (cached != null && isFresh(cached)) {
      return cached;
    }
    lock.lock();
    try {
      cached = templates.get(resolved);
      if (cached != null && isFresh(cached)) {
        return cached;
      }
      if (loading.contains(resolved)) {
        List<String> chain = new ArrayList<>(loading);
        Collections.reverse(chain);
        chain.add(resolved);
        throw new TemplateException("template cycle: " + String.join(" -> ", chain), null, 0);
      }
      loading.push(resolved);
      Template compiled;
      try {
        long version = version(resolved);
        compiled = new Template(readTemplate(resolved), resolved, this, null, version);
      } finally {
        loading.pop();
      }
      templates.put(resolved, compiled);
      return compiled;
    } finally {
      lock.unlock();
    }
  }

  /** Loads a template named by a tag, adding the tag's location to loading errors. */
  Template loadReferenced(String name, String from, int line) {
    try {
      return load(name, from);
    } catch (TemplateNotFoundException e) {
      if (e.templateName() != null) {
        throw e;
      }
      throw new TemplateNotFoundException(e.missingTemplate(), notFoundReason(e), from, line, e);
    } catch (TemplateException e) {
      if (e.templateName() != null) {
        throw e;
      }
      throw new TemplateException(e.reason(), from, line, null, null, e);
    }
  }

  private static String notFoundReason(TemplateNotFoundException e) {
    String prefix = "template '" + e.missingTemplate() + "' ";
    return e.reason().startsWith(prefix) ? e.reason().substring(prefix.length()) : e.reason();
  }

  private boolean isFresh(Template t) {
    if (!settings.debug()) {
      return true;
    }
    if (version(t.name()) != t.version()) {
      return false;
    }
    for (Map.Entry<String, Long> dep : t.dependencies().entrySet()) {
      if (version(dep.getKey()) != dep.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Forgets every compiled template; the next {@link #load} compiles again. */
  public void reset() {
    lock.lock();
    try {
      templates.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Turns a template name, possibly relative to the template that names it, into the name the
   * template is cached and read under. This implementation treats names as {@code /}-separated
   * paths: a name is relative to the directory of {@code parentPath} unless it starts with {@code
   * /} (relative to the root) or there is no parent, and {@code .} and {@code ..} segments are
   * resolved.
   *
   * @param name the name as written, e.g. in {@code {% include "../header.html" %}}
   * @param parentPath the resolved name of the template that names it, or {@code null}
   * @throws TemplateNotFoundException if the path climbs above the root
   */
  public String resolvePath(String name, String parentPath) {
    String path = name;
    if (parentPath != null && !parentPath.startsWith("<") && !name.startsWith("/")) {
      int slash = parentPath.lastIndexOf('/');
      if (slash >= 0) {
        path = parentPath.substring(0, slash + 1) + name;
      }
    }
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new TemplateNotFoundException(name, "is outside the template root");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /**
   * Reads the source of the template {@code name} (already resolved).
   *
   * @throws TemplateNotFoundException if there is no such template
   */
  protected abstract String readTemplate(String name);

  /**
   * A stamp that changes when the source of {@code name} changes, e.g. its modification time; used
   * only in debug mode. This implementation returns 0: sources never change.
   */
  protected long version(String name) {
    return 0L;
  }
}
