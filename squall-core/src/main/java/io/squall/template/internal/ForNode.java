package io.squall.template.internal;

import java.util.Iterator;

/**
 * {@code for x in items} or {@code for k, v in pairs}, with {@code break}, {@code continue} and
 * Python's {@code else} (rendered when the loop ends without {@code break}). Loop variables stay
 * set after the loop, as in Python.
 */
final class ForNode extends Node {
  private final Object[] targets;
  private final Expression iterable;
  private final String source;
  private final Location at;
  private final Node body;
  private final Node orElse;

  ForNode(
      Object[] targets, Expression iterable, String source, Location at, Node body, Node orElse) {
    this.targets = targets;
    this.iterable = iterable;
    this.source = source;
    this.at = at;
    this.body = body;
    this.orElse = orElse;
  }

  @Override
  public int render(RenderContext ctx) {
    Object items = eval(iterable, ctx, source, at);
    Iterator<?> it;
    try {
      it = Iteration.iterator(items);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), source, at);
    }
    Scope scope = ctx.scope;
    while (next(it)) {
      Object item = it.next();
      if (targets.length == 1 && targets[0] instanceof String name) {
        scope.set(name, item);
      } else {
        try {
          bind(scope, targets, item);
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage(), source, at);
        }
      }
      if (body.render(ctx) == BREAK) {
        return NORMAL;
      }
    }
    return orElse == null ? NORMAL : orElse.render(ctx);
  }

  /** Unpacks {@code item} into the names of {@code targets}, nested ones recursively. */
  private static void bind(Scope scope, Object[] targets, Object item) {
    Object[] values = Iteration.unpack(item, targets.length);
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] instanceof String name) {
        scope.set(name, values[i]);
      } else {
        bind(scope, ((java.util.List<?>) targets[i]).toArray(), values[i]);
      }
    }
  }

  private boolean next(Iterator<?> it) {
    try {
      return it.hasNext();
    } catch (RuntimeException e) {
      throw error(e, source, at);
    }
  }
}
