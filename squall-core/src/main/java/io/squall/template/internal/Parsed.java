package io.squall.template.internal;

import java.util.List;

/**
 * The syntax tree of one template file, as the {@link Parser} produces it. Expressions are already
 * compiled. The {@link Linker} turns the trees of a template, its ancestors and its includes into
 * one tree of executable {@link Node}s.
 */
public final class Parsed {
  private Parsed() {}

  /**
   * One parsed file.
   *
   * @param name the template name
   * @param body the top-level nodes
   * @param autoescape the file's autoescape function name after all {@code autoescape} directives,
   *     or {@code null}
   */
  public record File(String name, List<PNode> body, String autoescape) {}

  /** A node of the tree; {@link #line()} is where its tag starts. */
  public sealed interface PNode
      permits Text,
          Expr,
          Module,
          If,
          For,
          While,
          Set,
          Try,
          LoopControl,
          Apply,
          Block,
          Include,
          Extends {
    /** The 1-based line of the tag. */
    int line();
  }

  /** Literal text, whitespace already filtered. */
  public record Text(String text, int line) implements PNode {}

  /** {@code {{ expr }}} or, when {@code raw}, {@code {% raw expr %}}. */
  public record Expr(String source, Expression expr, boolean raw, int line) implements PNode {}

  /** {@code {% module Name(args, key=value) %}}. */
  public record Module(
      String source,
      String name,
      List<Expression> args,
      List<String> keywordNames,
      List<Expression> keywordValues,
      int line)
      implements PNode {}

  /** {@code if}/{@code elif} branches and an optional {@code else} ({@code null} if absent). */
  public record If(
      List<String> sources,
      List<Expression> conditions,
      List<Integer> lines,
      List<List<PNode>> bodies,
      List<PNode> orElse,
      int line)
      implements PNode {}

  /** {@code for targets in iterable}, with Python's optional {@code else}. */
  public record For(
      List<Object> targets,
      String source,
      Expression iterable,
      List<PNode> body,
      List<PNode> orElse,
      int line)
      implements PNode {}

  /** {@code while condition}, with Python's optional {@code else}. */
  public record While(
      String source, Expression condition, List<PNode> body, List<PNode> orElse, int line)
      implements PNode {}

  /** {@code set name = expr} (augmented forms are compiled to {@code name op (expr)}). */
  public record Set(String name, String source, Expression value, int line) implements PNode {}

  /** {@code try}/{@code except}/{@code else}/{@code finally}; absent parts are {@code null}. */
  public record Try(
      List<PNode> body, List<PNode> except, List<PNode> orElse, List<PNode> fin, int line)
      implements PNode {}

  /** {@code break} or {@code continue}. */
  public record LoopControl(boolean isBreak, int line) implements PNode {}

  /** {@code apply function} ... {@code end}. */
  public record Apply(String source, Expression function, List<PNode> body, int line)
      implements PNode {}

  /** {@code block name} ... {@code end}. */
  public record Block(String name, List<PNode> body, int line) implements PNode {}

  /** {@code include "name"}. */
  public record Include(String name, int line) implements PNode {}

  /** {@code extends "name"} (only at the top level). */
  public record Extends(String name, int line) implements PNode {}
}
