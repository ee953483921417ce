package io.squall.template.internal;

import io.squall.template.TemplateException;
import io.squall.template.internal.Parsed.PNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the parsed tree of a template into one executable tree, as Tornado's code generator does:
 *
 * <ul>
 *   <li>{@code extends}: the chain of parent templates is followed to the root, whose body is what
 *       renders; each {@code block} renders the most derived template's version of that block;
 *   <li>{@code include}: the included template's nodes are inlined at the tag;
 *   <li>each expression escapes with the autoescape function of the file it is written in, and
 *       knows its template, line and the include/block sites it came through, for errors.
 * </ul>
 */
public final class Linker {
  /** Loads the templates that {@code extends} and {@code include} name. */
  public interface Resolver {
    /**
     * Returns the parsed template {@code name}, as named by a tag in template {@code from}.
     *
     * @throws TemplateException if it cannot be loaded or compiled
     */
    Parsed.File resolve(String name, String from, int line);
  }

  private record BlockDef(Parsed.Block block, Parsed.File file) {}

  private final Resolver resolver;
  private final Map<String, BlockDef> blocks = new HashMap<>();
  private final Deque<String> inlining = new ArrayDeque<>();

  private Linker(Resolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Links {@code top}.
   *
   * @param resolver loads other templates, or {@code null} if there is no loader
   * @throws TemplateException for a missing loader, a missing template or a cycle
   */
  public static Node link(Parsed.File top, Resolver resolver) {
    Linker linker = new Linker(resolver);
    List<Parsed.File> ancestors = linker.ancestors(top);
    for (int i = ancestors.size() - 1; i >= 0; i--) {
      linker.collectBlocks(ancestors.get(i).body(), ancestors.get(i));
    }
    Parsed.File root = ancestors.get(ancestors.size() - 1);
    List<Node> nodes = new ArrayList<>();
    linker.linkInto(nodes, root.body(), root, null);
    return nodes.size() == 1 ? nodes.get(0) : new Sequence(nodes);
  }

  /** The template, its parent, its parent's parent... */
  private List<Parsed.File> ancestors(Parsed.File top) {
    List<Parsed.File> chain = new ArrayList<>();
    chain.add(top);
    Parsed.File current = top;
    while (true) {
      Parsed.Extends ext = null;
      for (PNode n : current.body()) {
        if (n instanceof Parsed.Extends e) {
          ext = e;
          break;
        }
      }
      if (ext == null) {
        return chain;
      }
      Parsed.File parent = load(ext.name(), current, ext.line(), "extends");
      for (Parsed.File f : chain) {
        if (f.name().equals(parent.name())) {
          throw new TemplateException(
              "extends cycle: " + names(chain) + " -> " + parent.name(),
              current.name(),
              ext.line());
        }
      }
      chain.add(parent);
      current = parent;
    }
  }

  private Parsed.File load(String name, Parsed.File from, int line, String tag) {
    if (resolver == null) {
      throw new TemplateException(
          "{% " + tag + " %} block found, but no template loader", from.name(), line);
    }
    return resolver.resolve(name, from.name(), line);
  }

  /** Registers every block in {@code nodes}; later (more derived) definitions win. */
  private void collectBlocks(List<PNode> nodes, Parsed.File file) {
    for (PNode n : nodes) {
      switch (n) {
        case Parsed.Block b -> {
          blocks.put(b.name(), new BlockDef(b, file));
          collectBlocks(b.body(), file);
        }
        case Parsed.Include inc -> {
          Parsed.File included = load(inc.name(), file, inc.line(), "include");
          enter(included.name(), file, inc.line());
          collectBlocks(included.body(), included);
          inlining.pop();
        }
        case Parsed.If i -> {
          i.bodies().forEach(body -> collectBlocks(body, file));
          collectOptional(i.orElse(), file);
        }
        case Parsed.For f -> {
          collectBlocks(f.body(), file);
          collectOptional(f.orElse(), file);
        }
        case Parsed.While w -> {
          collectBlocks(w.body(), file);
          collectOptional(w.orElse(), file);
        }
        case Parsed.Try t -> {
          collectBlocks(t.body(), file);
          collectOptional(t.except(), file);
          collectOptional(t.orElse(), file);
          collectOptional(t.fin(), file);
        }
        case Parsed.Apply a -> collectBlocks(a.body(), file);
        default -> {}
      }
    }
  }

  private void collectOptional(List<PNode> nodes, Parsed.File file) {
    if (nodes != null) {
      collectBlocks(nodes, file);
    }
  }

  private void enter(String name, Parsed.File from, int line) {
    if (inlining.contains(name)) {
      List<String> cycle = new ArrayList<>(inlining);
      Collections.reverse(cycle);
      cycle.add(name);
      throw new TemplateException(
          "include cycle: " + String.join(" -> ", cycle), from.name(), line);
    }
    inlining.push(name);
  }

  private Node link(List<PNode> body, Parsed.File file, Location via) {
    List<Node> nodes = new ArrayList<>();
    linkInto(nodes, body, file, via);
    return nodes.size() == 1 ? nodes.get(0) : new Sequence(nodes);
  }

  private Node linkOptional(List<PNode> body, Parsed.File file, Location via) {
    return body == null ? null : link(body, file, via);
  }

  private void linkInto(List<Node> out, List<PNode> body, Parsed.File file, Location via) {
    if (inlining.isEmpty() || !inlining.peek().equals(file.name())) {
      inlining.push(file.name());
      try {
        linkNodes(out, body, file, via);
      } finally {
        inlining.pop();
      }
    } else {
      linkNodes(out, body, file, via);
    }
  }

  private void linkNodes(List<Node> out, List<PNode> body, Parsed.File file, Location via) {
    for (PNode n : body) {
      Location at = new Location(file.name(), n.line(), via);
      switch (n) {
        case Parsed.Text t -> addText(out, t.text());
        case Parsed.Expr e ->
            out.add(
                new ExpressionNode(e.expr(), e.source(), at, e.raw() ? null : file.autoescape()));
        case Parsed.Module m ->
            out.add(
                new ModuleNode(
                    m.name(),
                    m.args().toArray(Expression[]::new),
                    m.keywordNames().toArray(String[]::new),
                    m.keywordValues().toArray(Expression[]::new),
                    m.source(),
                    at));
        case Parsed.If i -> {
          int k = i.conditions().size();
          Location[] locations = new Location[k];
          Node[] bodies = new Node[k];
          for (int j = 0; j < k; j++) {
            locations[j] = new Location(file.name(), i.lines().get(j), via);
            bodies[j] = link(i.bodies().get(j), file, via);
          }
          out.add(
              new IfNode(
                  i.conditions().toArray(Expression[]::new),
                  i.sources().toArray(String[]::new),
                  locations,
                  bodies,
                  linkOptional(i.orElse(), file, via)));
        }
        case Parsed.For f ->
            out.add(
                new ForNode(
                    f.targets().toArray(),
                    f.iterable(),
                    f.source(),
                    at,
                    link(f.body(), file, via),
                    linkOptional(f.orElse(), file, via)));
        case Parsed.While w ->
            out.add(
                new WhileNode(
                    w.condition(),
                    w.source(),
                    at,
                    link(w.body(), file, via),
                    linkOptional(w.orElse(), file, via)));
        case Parsed.Set s -> out.add(new SetNode(s.name(), s.value(), s.source(), at));
        case Parsed.Try t ->
            out.add(
                new TryNode(
                    link(t.body(), file, via),
                    linkOptional(t.except(), file, via),
                    linkOptional(t.orElse(), file, via),
                    linkOptional(t.fin(), file, via)));
        case Parsed.LoopControl c -> out.add(new LoopControlNode(c.isBreak()));
        case Parsed.Apply a ->
            out.add(new ApplyNode(a.function(), a.source(), at, link(a.body(), file, via)));
        case Parsed.Block b -> {
          BlockDef def = blocks.get(b.name());
          String key = "block " + b.name();
          enter(key, file, b.line());
          try {
            linkInto(out, def.block().body(), def.file(), at);
          } finally {
            inlining.pop();
          }
        }
        case Parsed.Include inc -> {
          Parsed.File included = load(inc.name(), file, inc.line(), "include");
          enter(included.name(), file, inc.line());
          try {
            linkNodes(out, included.body(), included, at);
          } finally {
            inlining.pop();
          }
        }
        case Parsed.Extends e -> {
          if (via != null) {
            throw new TemplateException(
                "an included template cannot use {% extends %}", file.name(), e.line());
          }
        }
      }
    }
  }

  /** Appends text, merging it with text just before it. */
  private static void addText(List<Node> out, String text) {
    int last = out.size() - 1;
    if (last >= 0 && out.get(last) instanceof TextNode prev) {
      out.set(last, new TextNode(prev.text + text));
    } else {
      out.add(new TextNode(text));
    }
  }

  private static String names(List<Parsed.File> files) {
    List<String> names = new ArrayList<>();
    for (Parsed.File f : files) {
      names.add(f.name());
    }
    return String.join(" -> ", names);
  }
}
