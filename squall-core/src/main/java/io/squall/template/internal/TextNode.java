package io.squall.template.internal;

/** Literal text. */
final class TextNode extends Node {
  final String text;

  TextNode(String text) {
    this.text = text;
  }

  @Override
  public int render(RenderContext ctx) {
    ctx.out.append(text);
    return NORMAL;
  }
}
