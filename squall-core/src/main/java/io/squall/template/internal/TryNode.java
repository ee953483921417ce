package io.squall.template.internal;

/**
 * {@code try}/{@code except}/{@code else}/{@code finally} with Python's rules: {@code except} runs
 * when the body fails (output the body wrote before failing stays), {@code else} when it does not,
 * {@code finally} always. {@code except} catches every runtime exception, template errors included.
 */
final class TryNode extends Node {
  private final Node body;
  private final Node except;
  private final Node orElse;
  private final Node fin;

  TryNode(Node body, Node except, Node orElse, Node fin) {
    this.body = body;
    this.except = except;
    this.orElse = orElse;
    this.fin = fin;
  }

  @Override
  public int render(RenderContext ctx) {
    int status;
    try {
      status = renderTryExcept(ctx);
    } catch (RuntimeException | Error e) {
      if (fin != null) {
        fin.render(ctx);
      }
      throw e;
    }
    if (fin != null) {
      int f = fin.render(ctx);
      if (f != NORMAL) {
        status = f;
      }
    }
    return status;
  }

  private int renderTryExcept(RenderContext ctx) {
    int status;
    try {
      status = body.render(ctx);
    } catch (RuntimeException e) {
      if (except == null) {
        throw e;
      }
      return except.render(ctx);
    }
    if (status == NORMAL && orElse != null) {
      status = orElse.render(ctx);
    }
    return status;
  }
}
