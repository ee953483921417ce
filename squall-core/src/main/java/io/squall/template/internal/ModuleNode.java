package io.squall.template.internal;

import io.squall.template.ModuleArgs;
import io.squall.template.UIModules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code module Name(args)}: renders a UI module through the rendering's {@link UIModules}. */
final class ModuleNode extends Node {
  private final String name;
  private final Expression[] args;
  private final String[] keywordNames;
  private final Expression[] keywordValues;
  private final String source;
  private final Location at;

  ModuleNode(
      String name,
      Expression[] args,
      String[] keywordNames,
      Expression[] keywordValues,
      String source,
      Location at) {
    this.name = name;
    this.args = args;
    this.keywordNames = keywordNames;
    this.keywordValues = keywordValues;
    this.source = source;
    this.at = at;
  }

  @Override
  public int render(RenderContext ctx) {
    if (!(ctx.scope.get(UIModules.NAMESPACE_KEY) instanceof UIModules modules)) {
      throw error(
          "no UI modules: render from a RequestHandler, or pass a UIModules as '"
              + UIModules.NAMESPACE_KEY
              + "'",
          source,
          at);
    }
    List<Object> positional = new ArrayList<>(args.length);
    for (Expression a : args) {
      positional.add(eval(a, ctx, source, at));
    }
    Map<String, Object> keywords = new LinkedHashMap<>();
    for (int i = 0; i < keywordNames.length; i++) {
      keywords.put(keywordNames[i], eval(keywordValues[i], ctx, source, at));
    }
    try {
      ctx.out.append(modules.render(name, new ModuleArgs(positional, keywords)));
    } catch (RuntimeException e) {
      throw error(e, source, at);
    }
    return NORMAL;
  }
}
