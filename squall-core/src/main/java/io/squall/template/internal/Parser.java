package io.squall.template.internal;

import io.squall.template.TemplateException;
import io.squall.template.WhitespaceMode;
import io.squall.template.internal.Parsed.PNode;
import io.squall.template.internal.py.Members;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Tornado's template syntax into a {@link Parsed.File}, compiling every expression once.
 * Errors are {@link TemplateException}s with Tornado's messages and the line of the offending tag.
 */
public final class Parser {
  private static final Pattern FOR =
      Pattern.compile("^([\\s\\w,()\\[\\]]+?)\\s+in\\s+(.+)$", Pattern.DOTALL);
  private static final Pattern SET =
      Pattern.compile("^([A-Za-z_]\\w*)\\s*([-+*/%]?)=(?!=)\\s*(.+)$", Pattern.DOTALL);
  private static final Pattern MODULE =
      Pattern.compile("^([A-Za-z_]\\w*)\\s*\\((.*)\\)$", Pattern.DOTALL);
  private static final Pattern KEYWORD =
      Pattern.compile("^\\s*([A-Za-z_]\\w*)\\s*=(?!=)(.*)$", Pattern.DOTALL);

  /** Which blocks each intermediate tag may continue. */
  private static final Map<String, Set<String>> INTERMEDIATE =
      Map.of(
          "else", Set.of("if", "for", "while", "try"),
          "elif", Set.of("if"),
          "except", Set.of("try"),
          "finally", Set.of("try"));

  private final TemplateReader reader;
  private final Members members;
  private String autoescape;

  private Parser(TemplateReader reader, Members members, String autoescape) {
    this.reader = reader;
    this.members = members;
    this.autoescape = autoescape;
  }

  /**
   * Parses a template.
   *
   * @param name the template's name, for errors
   * @param text the template source
   * @param whitespace the initial whitespace mode
   * @param autoescape the initial autoescape function name, or {@code null}
   * @param members what expressions may use of Java objects
   * @throws TemplateException on a syntax error
   */
  public static Parsed.File parse(
      String name, String text, WhitespaceMode whitespace, String autoescape, Members members) {
    Parser p = new Parser(new TemplateReader(name, text, whitespace), members, autoescape);
    Section top = p.section(null, false);
    return new Parsed.File(name, top.body, p.autoescape);
  }

  /** The nodes up to an {@code end}, an intermediate tag, or the end of the text. */
  private record Section(List<PNode> body, String terminator, String suffix, int line) {}

  private Section section(String inBlock, boolean inLoop) {
    List<PNode> body = new ArrayList<>();
    while (true) {
      int curly = 0;
      while (true) {
        curly = reader.find("{", curly);
        if (curly == -1 || curly + 1 == reader.remaining()) {
          if (inBlock != null) {
            throw reader.error("Missing {% end %} block for " + inBlock);
          }
          addText(body, reader.consumeRest(), reader.line());
          return new Section(body, null, null, reader.line());
        }
        char next = reader.charAt(curly + 1);
        if (next != '{' && next != '%' && next != '#') {
          curly++;
          continue;
        }
        // With more than two braces in a row, the innermost two open the tag.
        if (curly + 2 < reader.remaining() && next == '{' && reader.charAt(curly + 2) == '{') {
          curly++;
          continue;
        }
        break;
      }
      if (curly > 0) {
        String text = reader.consume(curly);
        addText(body, text, reader.line());
      }
      String startBrace = reader.consume(2);
      int line = reader.line();

      // "{{!", "{%!" and "{#!" stand for the literal braces.
      if (reader.remaining() > 0 && reader.charAt(0) == '!') {
        reader.consume(1);
        body.add(new Parsed.Text(startBrace, line));
        continue;
      }
      if (startBrace.equals("{#")) {
        int end = reader.find("#}", 0);
        if (end == -1) {
          throw reader.error("Missing end comment #}", line);
        }
        reader.consume(end + 2);
        continue;
      }
      if (startBrace.equals("{{")) {
        int end = reader.find("}}", 0);
        if (end == -1) {
          throw reader.error("Missing end expression }}", line);
        }
        String contents = reader.consume(end).strip();
        reader.consume(2);
        if (contents.isEmpty()) {
          throw reader.error("Empty expression", line);
        }
        body.add(new Parsed.Expr(contents, compile(contents, line), false, line));
        continue;
      }

      int end = reader.find("%}", 0);
      if (end == -1) {
        throw reader.error("Missing end block %}", line);
      }
      String contents = reader.consume(end).strip();
      reader.consume(2);
      if (contents.isEmpty()) {
        throw reader.error("Empty block tag ({% %})", line);
      }
      int space = firstWhitespace(contents);
      String operator = space < 0 ? contents : contents.substring(0, space);
      String suffix = space < 0 ? "" : contents.substring(space).strip();

      Set<String> parents = INTERMEDIATE.get(operator);
      if (parents != null) {
        if (inBlock == null) {
          throw reader.error(operator + " outside " + describe(parents) + " block", line);
        }
        if (!parents.contains(inBlock)) {
          throw reader.error(operator + " block cannot be attached to " + inBlock + " block", line);
        }
        return new Section(body, operator, suffix, line);
      }
      switch (operator) {
        case "end" -> {
          if (inBlock == null) {
            throw reader.error("Extra {% end %} block", line);
          }
          return new Section(body, "end", suffix, line);
        }
        case "comment" -> {}
        case "extends" -> {
          String name = unquote(suffix);
          if (name.isEmpty()) {
            throw reader.error("extends missing file path", line);
          }
          if (inBlock != null) {
            throw reader.error("extends must be at the top level of a template", line);
          }
          for (PNode n : body) {
            if (n instanceof Parsed.Extends) {
              throw reader.error("a template can extend only one other template", line);
            }
          }
          body.add(new Parsed.Extends(name, line));
        }
        case "include" -> {
          String name = unquote(suffix);
          if (name.isEmpty()) {
            throw reader.error("include missing file path", line);
          }
          body.add(new Parsed.Include(name, line));
        }
        case "set" -> body.add(parseSet(suffix, line));
        case "autoescape" -> autoescape = suffix.equals("None") ? null : suffix;
        case "whitespace" -> {
          try {
            reader.whitespace = WhitespaceMode.of(suffix);
          } catch (IllegalArgumentException e) {
            throw reader.error(e.getMessage(), line);
          }
        }
        case "raw" -> {
          if (suffix.isEmpty()) {
            throw reader.error("raw missing expression", line);
          }
          body.add(new Parsed.Expr(suffix, compile(suffix, line), true, line));
        }
        case "module" -> body.add(parseModule(suffix, line));
        case "import", "from" ->
            throw reader.error(
                operator + " is not supported: put what the template needs in its namespace", line);
        case "if" -> body.add(parseIf(suffix, line, inLoop));
        case "for" -> body.add(parseFor(suffix, line, inLoop));
        case "while" -> body.add(parseWhile(suffix, line, inLoop));
        case "try" -> body.add(parseTry(line, inLoop));
        case "apply" -> {
          if (suffix.isEmpty()) {
            throw reader.error("apply missing method name", line);
          }
          // The body is rendered separately, so break/continue cannot reach an outer loop.
          Section s = section("apply", false);
          body.add(new Parsed.Apply(suffix, compile(suffix, line), s.body, line));
        }
        case "block" -> {
          if (suffix.isEmpty()) {
            throw reader.error("block missing name", line);
          }
          Section s = section("block", inLoop);
          body.add(new Parsed.Block(suffix, s.body, line));
        }
        case "break", "continue" -> {
          if (!inLoop) {
            throw reader.error(operator + " outside {for, while} block", line);
          }
          body.add(new Parsed.LoopControl(operator.equals("break"), line));
        }
        default -> throw reader.error("unknown operator: '" + operator + "'", line);
      }
    }
  }

  private Parsed.If parseIf(String condition, int line, boolean inLoop) {
    List<String> sources = new ArrayList<>();
    List<Expression> conditions = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<List<PNode>> bodies = new ArrayList<>();
    String source = requireExpression(condition, "if", line);
    int branchLine = line;
    while (true) {
      Section s = section("if", inLoop);
      sources.add(source);
      conditions.add(compile(source, branchLine));
      lines.add(branchLine);
      bodies.add(s.body);
      switch (s.terminator) {
        case "end" -> {
          return new Parsed.If(sources, conditions, lines, bodies, null, line);
        }
        case "elif" -> {
          source = requireExpression(s.suffix, "elif", s.line);
          branchLine = s.line;
        }
        default -> { // else
          requireNoArgument(s, "else");
          Section orElse = section("if", inLoop);
          expectEnd(orElse, "if");
          return new Parsed.If(sources, conditions, lines, bodies, orElse.body, line);
        }
      }
    }
  }

  private Parsed.For parseFor(String header, int line, boolean inLoop) {
    Matcher m = FOR.matcher(header);
    List<Object> targets = m.matches() ? ForTargets.parse(m.group(1)) : null;
    if (targets == null) {
      throw reader.error(
          "for expects 'for name in expression' or 'for a, (b, c) in expression'", line);
    }
    String source = m.group(2).strip();
    Expression iterable = compile(source, line);
    Section s = section("for", true);
    List<PNode> orElse = null;
    if ("else".equals(s.terminator)) {
      requireNoArgument(s, "else");
      Section e = section("for", inLoop);
      expectEnd(e, "for");
      orElse = e.body;
    }
    return new Parsed.For(targets, source, iterable, s.body, orElse, line);
  }

  private Parsed.While parseWhile(String condition, int line, boolean inLoop) {
    String source = requireExpression(condition, "while", line);
    Expression compiled = compile(source, line);
    Section s = section("while", true);
    List<PNode> orElse = null;
    if ("else".equals(s.terminator)) {
      requireNoArgument(s, "else");
      Section e = section("while", inLoop);
      expectEnd(e, "while");
      orElse = e.body;
    }
    return new Parsed.While(source, compiled, s.body, orElse, line);
  }

  private Parsed.Try parseTry(int line, boolean inLoop) {
    Section s = section("try", inLoop);
    List<PNode> body = s.body;
    List<PNode> except = null;
    List<PNode> orElse = null;
    List<PNode> fin = null;
    String stage = "try";
    while (!"end".equals(s.terminator)) {
      String next = s.terminator;
      boolean inOrder =
          switch (next) {
            case "except" -> stage.equals("try");
            case "else" -> stage.equals("except");
            case "finally" -> !stage.equals("finally");
            default -> false;
          };
      if (!inOrder) {
        throw reader.error(next + " cannot follow " + stage + " in a try block", s.line);
      }
      if (next.equals("except") && !s.suffix.isEmpty()) {
        throw reader.error(
            "except takes no exception type in Squall templates: it catches every error", s.line);
      }
      if (!next.equals("except")) {
        requireNoArgument(s, next);
      }
      stage = next;
      s = section("try", inLoop);
      switch (next) {
        case "except" -> except = s.body;
        case "else" -> orElse = s.body;
        default -> fin = s.body;
      }
    }
    if (except == null && fin == null) {
      throw reader.error("try block needs an except or a finally", line);
    }
    return new Parsed.Try(body, except, orElse, fin, line);
  }

  private Parsed.Set parseSet(String statement, int line) {
    if (statement.isEmpty()) {
      throw reader.error("set missing statement", line);
    }
    Matcher m = SET.matcher(statement);
    if (!m.matches()) {
      throw reader.error("set expects 'name = expression' (or +=, -=, *=, /=, %=)", line);
    }
    String name = m.group(1);
    String op = m.group(2);
    String value = m.group(3).strip();
    String source = op.isEmpty() ? value : name + " " + op + " (" + value + ")";
    return new Parsed.Set(name, statement, compile(source, line), line);
  }

  private Parsed.Module parseModule(String call, int line) {
    Matcher m = MODULE.matcher(call);
    if (!m.matches()) {
      throw reader.error("module expects 'Name(arguments)'", line);
    }
    List<Expression> args = new ArrayList<>();
    List<String> keywordNames = new ArrayList<>();
    List<Expression> keywordValues = new ArrayList<>();
    for (String arg : splitArguments(m.group(2), line)) {
      Matcher kw = KEYWORD.matcher(arg);
      if (kw.matches()) {
        keywordNames.add(kw.group(1));
        keywordValues.add(compile(kw.group(2).strip(), line));
      } else if (!keywordNames.isEmpty()) {
        throw reader.error("positional argument after keyword argument in module call", line);
      } else {
        args.add(compile(arg.strip(), line));
      }
    }
    return new Parsed.Module(call, m.group(1), args, keywordNames, keywordValues, line);
  }

  /** Splits at the commas that are not inside brackets or string literals. */
  private List<String> splitArguments(String text, int line) {
    List<String> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    int depth = 0;
    char quote = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'' || c == '`') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (quote != 0 || depth != 0) {
      throw reader.error("unbalanced brackets or quotes in module arguments", line);
    }
    String last = text.substring(start);
    if (!last.isBlank()) {
      out.add(last);
    }
    return out;
  }

  private void addText(List<PNode> body, String text, int line) {
    String value = text.contains("<pre>") ? text : reader.whitespace.filter(text);
    if (!value.isEmpty()) {
      body.add(new Parsed.Text(value, line));
    }
  }

  private Expression compile(String source, int line) {
    return Expressions.compile(members, source, reader.name, line);
  }

  private String requireExpression(String source, String operator, int line) {
    if (source.isEmpty()) {
      throw reader.error(operator + " missing condition", line);
    }
    return source;
  }

  private void requireNoArgument(Section s, String operator) {
    if (!s.suffix.isEmpty()) {
      throw reader.error(operator + " takes no argument", s.line);
    }
  }

  private void expectEnd(Section s, String block) {
    if (!"end".equals(s.terminator)) {
      throw reader.error(s.terminator + " cannot follow else in a " + block + " block", s.line);
    }
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Set<String> parents) {
    return "{" + String.join(", ", parents.stream().sorted().toList()) + "}";
  }

  /** Strips surrounding double quotes, then single quotes, as Tornado does. */
  private static String unquote(String s) {
    return strip(strip(s, '"'), '\'');
  }

  private static String strip(String s, char c) {
    int b = 0;
    int e = s.length();
    while (b < e && s.charAt(b) == c) {
      b++;
    }
    while (e > b && s.charAt(e - 1) == c) {
      e--;
    }
    return s.substring(b, e);
  }
}
