package io.squall.template.internal.py;

import io.squall.template.internal.py.Lexer.Kind;
import io.squall.template.internal.py.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the Python expression subset of templates, following Python's
 * grammar and precedence. It compiles as it parses: the result is a tree of evaluator nodes, with
 * names inside lambdas and comprehensions resolved to frame slots at compile time.
 */
final class ExprParser {
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "not",
          "in",
          "is",
          "if",
          "else",
          "lambda",
          "for",
          "None",
          "True",
          "False",
          "import",
          "from",
          "yield",
          "await",
          "async",
          "def",
          "class",
          "return",
          "del",
          "pass",
          "raise",
          "try",
          "except",
          "finally",
          "while",
          "with",
          "global",
          "nonlocal",
          "assert",
          "break",
          "continue",
          "elif",
          "as");

  /** Names no template may use: Python's ways out of a sandbox. */
  private static final Set<String> FORBIDDEN =
      Set.of(
          "eval",
          "exec",
          "compile",
          "open",
          "getattr",
          "setattr",
          "delattr",
          "globals",
          "locals",
          "vars",
          "type",
          "__import__",
          "breakpoint",
          "input",
          "memoryview",
          "object",
          "super",
          "classmethod",
          "staticmethod",
          "property",
          "help",
          "dir",
          "id",
          "hasattr");

  private final String src;
  private final List<Token> tokens;
  private final Members members;
  private final List<List<String>> scopes;
  private final int offset;
  private int p;

  private ExprParser(String src, Members members, List<List<String>> scopes, int offset) {
    this.src = src;
    this.members = members;
    this.scopes = scopes;
    this.offset = offset;
    List<Token> raw;
    try {
      raw = Lexer.tokenize(src);
    } catch (ExprSyntaxError e) {
      throw new ExprSyntaxError(e.getMessage(), e.column() + offset);
    }
    this.tokens = raw;
  }

  /** Compiles a whole expression (a bare tuple {@code a, b} is allowed, as in Python). */
  static Ev compile(String source, Members members) {
    ExprParser parser = new ExprParser(source, members, new ArrayList<>(), 0);
    Ev e = parser.testList();
    parser.expectEnd();
    return e;
  }

  private void expectEnd() {
    Token t = peek();
    if (t.kind() != Kind.END) {
      throw error("unexpected '" + t.text() + "'", t);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tokens

  private Token peek() {
    return tokens.get(p);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(p + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(p);
    if (t.kind() != Kind.END) {
      p++;
    }
    return t;
  }

  private boolean at(String op) {
    Token t = peek();
    return (t.kind() == Kind.OP || t.kind() == Kind.NAME) && t.text().equals(op);
  }

  private boolean accept(String op) {
    if (at(op)) {
      p++;
      return true;
    }
    return false;
  }

  private Token expect(String op) {
    if (!at(op)) {
      Token t = peek();
      throw error(
          "expected '"
              + op
              + "'"
              + (t.kind() == Kind.END ? " at the end" : ", found '" + t.text() + "'"),
          t);
    }
    return next();
  }

  private int pos(Token t) {
    return t.pos() + offset;
  }

  private ExprSyntaxError error(String message, Token t) {
    return new ExprSyntaxError(message, pos(t));
  }

  // ---------------------------------------------------------------------------------------------
  // Grammar, lowest precedence first

  private Ev testList() {
    Token start = peek();
    Ev first = starOrTest();
    if (!at(",")) {
      if (first instanceof Atoms.Starred) {
        throw error("can't use starred expression here", start);
      }
      return first;
    }
    List<Ev> items = new ArrayList<>();
    items.add(first);
    while (accept(",")) {
      if (endsList()) {
        break;
      }
      items.add(starOrTest());
    }
    return new Atoms.TupleEv(items.toArray(Ev[]::new), pos(start));
  }

  private boolean endsList() {
    Token t = peek();
    return t.kind() == Kind.END || at(")") || at("]") || at("}") || at("=") || at(":");
  }

  private Ev starOrTest() {
    if (at("*")) {
      Token s = next();
      return new Atoms.Starred(orTest(), pos(s));
    }
    return test();
  }

  private int depth;

  private Ev test() {
    enter();
    try {
      return testInner();
    } finally {
      depth--;
    }
  }

  /**
   * Counts one level of recursion; every self-recursive rule (test, not, unary operators, {@code
   * **}) goes through it, so a deeply nested expression is a syntax error, never a stack overflow.
   */
  private void enter() {
    if (++depth > 100) {
      throw error("expression nested too deeply", peek());
    }
  }

  private Ev testInner() {
    if (at("lambda")) {
      return lambda();
    }
    Token start = peek();
    Ev e = orTest();
    if (at("if")) {
      next();
      Ev cond = orTest();
      expect("else");
      Ev other = test();
      return new Operators.IfElse(cond, e, other, pos(start));
    }
    if (at(":=")) {
      throw error("assignment expressions (:=) are not supported in templates", peek());
    }
    return e;
  }

  private Ev testNoCond() {
    if (at("lambda")) {
      return lambda();
    }
    return orTest();
  }

  private Ev lambda() {
    Token kw = expect("lambda");
    List<String> params = new ArrayList<>();
    List<Ev> defaults = new ArrayList<>();
    boolean sawDefault = false;
    while (!at(":")) {
      Token name = next();
      if (name.kind() != Kind.NAME || KEYWORDS.contains(name.text())) {
        throw error(
            name.is("*") || name.is("**")
                ? "*args and **kwargs are not supported in template lambdas"
                : "expected a parameter name",
            name);
      }
      checkName(name);
      if (params.contains(name.text())) {
        throw error("duplicate argument '" + name.text() + "' in lambda", name);
      }
      params.add(name.text());
      if (accept("=")) {
        defaults.add(test());
        sawDefault = true;
      } else {
        if (sawDefault) {
          throw error("parameter without a default follows parameter with a default", name);
        }
        defaults.add(null);
      }
      if (!accept(",")) {
        break;
      }
    }
    expect(":");
    scopes.add(new ArrayList<>(params));
    Ev body;
    List<String> scope;
    try {
      body = test();
    } finally {
      scope = scopes.remove(scopes.size() - 1);
    }
    return new Functions.LambdaEv(
        params.toArray(String[]::new), defaults.toArray(Ev[]::new), body, scope.size(), pos(kw));
  }

  private Ev orTest() {
    Token start = peek();
    Ev e = andTest();
    while (at("or")) {
      next();
      e = new Operators.Or(e, andTest(), pos(start));
    }
    return e;
  }

  private Ev andTest() {
    Token start = peek();
    Ev e = notTest();
    while (at("and")) {
      next();
      e = new Operators.And(e, notTest(), pos(start));
    }
    return e;
  }

  private Ev notTest() {
    if (at("not")) {
      Token t = next();
      enter();
      try {
        return new Operators.Not(notTest(), pos(t));
      } finally {
        depth--;
      }
    }
    return comparison();
  }

  private Ev comparison() {
    Token start = peek();
    Ev first = bitOr();
    List<Ev> operands = null;
    List<String> ops = null;
    List<Integer> positions = null;
    while (true) {
      Token t = peek();
      String op = null;
      if (t.kind() == Kind.OP
          && (t.text().equals("<")
              || t.text().equals(">")
              || t.text().equals("==")
              || t.text().equals(">=")
              || t.text().equals("<=")
              || t.text().equals("!="))) {
        op = t.text();
        next();
      } else if (t.is("in")) {
        op = "in";
        next();
      } else if (t.is("not") && peek(1).is("in")) {
        op = "not in";
        next();
        next();
      } else if (t.is("is")) {
        next();
        op = accept("not") ? "is not" : "is";
      }
      if (op == null) {
        break;
      }
      if (operands == null) {
        operands = new ArrayList<>();
        ops = new ArrayList<>();
        positions = new ArrayList<>();
        operands.add(first);
      }
      ops.add(op);
      positions.add(pos(t));
      operands.add(bitOr());
    }
    if (operands == null) {
      return first;
    }
    int[] ps = positions.stream().mapToInt(Integer::intValue).toArray();
    return new Operators.Compare(
        operands.toArray(Ev[]::new), ops.toArray(String[]::new), ps, pos(start));
  }

  private Ev bitOr() {
    Ev e = bitXor();
    while (at("|")) {
      Token t = next();
      e = new Operators.Binary(Operators.Bin.OR, e, bitXor(), pos(t));
    }
    return e;
  }

  private Ev bitXor() {
    Ev e = bitAnd();
    while (at("^")) {
      Token t = next();
      e = new Operators.Binary(Operators.Bin.XOR, e, bitAnd(), pos(t));
    }
    return e;
  }

  private Ev bitAnd() {
    Ev e = shift();
    while (at("&")) {
      Token t = next();
      e = new Operators.Binary(Operators.Bin.AND, e, shift(), pos(t));
    }
    return e;
  }

  private Ev shift() {
    Ev e = arith();
    while (at("<<") || at(">>")) {
      Token t = next();
      Operators.Bin op = t.text().equals("<<") ? Operators.Bin.LSHIFT : Operators.Bin.RSHIFT;
      e = new Operators.Binary(op, e, arith(), pos(t));
    }
    return e;
  }

  private Ev arith() {
    Ev e = term();
    while (at("+") || at("-")) {
      Token t = next();
      Operators.Bin op = t.text().equals("+") ? Operators.Bin.ADD : Operators.Bin.SUB;
      e = new Operators.Binary(op, e, term(), pos(t));
    }
    return e;
  }

  private Ev term() {
    Ev e = factor();
    while (at("*") || at("/") || at("//") || at("%") || at("@")) {
      Token t = next();
      Operators.Bin op =
          switch (t.text()) {
            case "*" -> Operators.Bin.MUL;
            case "/" -> Operators.Bin.DIV;
            case "//" -> Operators.Bin.FLOORDIV;
            case "%" -> Operators.Bin.MOD;
            default -> Operators.Bin.MATMUL;
          };
      e = new Operators.Binary(op, e, factor(), pos(t));
    }
    return e;
  }

  private Ev factor() {
    if (at("-") || at("+") || at("~")) {
      Token t = next();
      Ev operand;
      enter();
      try {
        operand = factor();
      } finally {
        depth--;
      }
      Object c = operand.constant();
      if (c != Ev.NOT_CONSTANT
          && t.text().equals("-")
          && Py.isNumber(c)
          && !(c instanceof Boolean)) {
        return new Atoms.Const(Arithmetic.neg(c), pos(t));
      }
      return new Operators.Unary(t.text().charAt(0), operand, pos(t));
    }
    return power();
  }

  private Ev power() {
    Ev e = primary();
    if (at("**")) {
      Token t = next();
      enter();
      try {
        return new Operators.Binary(Operators.Bin.POW, e, factor(), pos(t));
      } finally {
        depth--;
      }
    }
    return e;
  }

  private Ev primary() {
    Token start = peek();
    Ev e = atom();
    // A variable followed only by attribute names compiles to a Path, the fast path.
    if (e instanceof Atoms.Global g && at(".")) {
      List<AccessNodes.AttributeReader> readers = new ArrayList<>();
      List<Integer> positions = new ArrayList<>();
      int save = p;
      while (at(".") && peek(1).kind() == Kind.NAME && !peek(2).is("(")) {
        Token dot = next();
        Token name = next();
        checkAttribute(name);
        readers.add(new AccessNodes.AttributeReader(name.text(), members));
        positions.add(pos(dot));
      }
      if (!readers.isEmpty() && !at("(") && !at("[") && !at(".")) {
        e =
            new AccessNodes.Path(
                g.name,
                readers.toArray(AccessNodes.AttributeReader[]::new),
                positions.stream().mapToInt(Integer::intValue).toArray(),
                pos(start));
      } else {
        p = save;
      }
    }
    while (true) {
      if (at(".")) {
        Token dot = next();
        Token name = next();
        if (name.kind() != Kind.NAME) {
          throw error("expected an attribute name after '.'", name);
        }
        checkAttribute(name);
        if (at("(")) {
          Token paren = next();
          AccessNodes.Arguments args = arguments();
          e = new AccessNodes.MethodCall(e, name.text(), args, members, pos(paren));
        } else {
          e = new AccessNodes.Attribute(e, name.text(), members, pos(dot));
        }
      } else if (at("(")) {
        Token paren = next();
        e = new AccessNodes.Call(e, arguments(), pos(paren));
      } else if (at("[")) {
        Token bracket = next();
        Ev key = subscript();
        expect("]");
        e = new AccessNodes.Item(e, key, pos(bracket));
      } else {
        return e;
      }
    }
  }

  private void checkAttribute(Token name) {
    if (name.text().startsWith("_")) {
      throw error(
          "access to '"
              + name.text()
              + "' is not allowed in templates (names starting with '_' are private)",
          name);
    }
  }

  private void checkName(Token name) {
    if (name.text().startsWith("__") || FORBIDDEN.contains(name.text())) {
      throw error("'" + name.text() + "' is not available in templates", name);
    }
  }

  private Ev subscript() {
    Token start = peek();
    List<Ev> items = new ArrayList<>();
    boolean tuple = false;
    while (true) {
      items.add(sliceItem());
      if (!accept(",")) {
        break;
      }
      tuple = true;
      if (at("]")) {
        break;
      }
    }
    return tuple ? new Atoms.TupleEv(items.toArray(Ev[]::new), pos(start)) : items.get(0);
  }

  private Ev sliceItem() {
    Token start = peek();
    Ev lower = at(":") ? null : test();
    if (!at(":")) {
      return lower;
    }
    next();
    Ev upper = at(":") || at("]") || at(",") ? null : test();
    Ev step = null;
    if (accept(":")) {
      step = at("]") || at(",") ? null : test();
    }
    return new AccessNodes.SliceEv(lower, upper, step, pos(start));
  }

  private AccessNodes.Arguments arguments() {
    List<Ev> positional = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Ev> keywords = new ArrayList<>();
    while (!at(")")) {
      Token t = peek();
      if (at("**")) {
        next();
        names.add(null);
        keywords.add(test());
      } else if (at("*")) {
        next();
        if (!keywords.isEmpty() && names.contains(null)) {
          throw error("iterable argument unpacking follows keyword argument unpacking", t);
        }
        positional.add(new Atoms.Starred(test(), pos(t)));
      } else if (t.kind() == Kind.NAME && peek(1).is("=") && !KEYWORDS.contains(t.text())) {
        next();
        next();
        if (names.contains(t.text())) {
          throw error("keyword argument repeated: " + t.text(), t);
        }
        names.add(t.text());
        keywords.add(test());
      } else {
        if (!keywords.isEmpty()) {
          throw error("positional argument follows keyword argument", t);
        }
        Ev arg = test();
        if (at("for")) {
          arg = comprehension(Functions.Kind.GENERATOR, t, null);
          if (!positional.isEmpty() || !at(")")) {
            throw error("Generator expression must be parenthesized", t);
          }
        }
        positional.add(arg);
      }
      if (!accept(",")) {
        break;
      }
    }
    expect(")");
    return new AccessNodes.Arguments(
        positional.toArray(Ev[]::new), names.toArray(String[]::new), keywords.toArray(Ev[]::new));
  }

  // ---------------------------------------------------------------------------------------------
  // Atoms

  private Ev atom() {
    Token t = next();
    switch (t.kind()) {
      case INT, FLOAT -> {
        return new Atoms.Const(t.value(), pos(t));
      }
      case STRING, FSTRING -> {
        return strings(t);
      }
      case NAME -> {
        return name(t);
      }
      case END -> throw error("unexpected end of expression", t);
      default -> {
        // operators below
      }
    }
    switch (t.text()) {
      case "(" -> {
        if (accept(")")) {
          return new Atoms.Const(Tuple.EMPTY, pos(t));
        }
        Token first = peek();
        Ev e = starOrTest();
        if (at("for")) {
          Ev g = comprehension(Functions.Kind.GENERATOR, first, null);
          expect(")");
          return g;
        }
        if (at(",")) {
          List<Ev> items = new ArrayList<>();
          items.add(e);
          while (accept(",")) {
            if (at(")")) {
              break;
            }
            items.add(starOrTest());
          }
          expect(")");
          return new Atoms.TupleEv(items.toArray(Ev[]::new), pos(t));
        }
        expect(")");
        if (e instanceof Atoms.Starred) {
          throw error("can't use starred expression here", first);
        }
        return e;
      }
      case "[" -> {
        if (accept("]")) {
          return new Atoms.ListEv(new Ev[0], pos(t));
        }
        Token first = peek();
        Ev e = starOrTest();
        if (at("for")) {
          Ev c = comprehension(Functions.Kind.LIST, first, null);
          expect("]");
          return c;
        }
        List<Ev> items = new ArrayList<>();
        items.add(e);
        while (accept(",")) {
          if (at("]")) {
            break;
          }
          items.add(starOrTest());
        }
        expect("]");
        return new Atoms.ListEv(items.toArray(Ev[]::new), pos(t));
      }
      case "{" -> {
        return braces(t);
      }
      default -> throw error("unexpected '" + t.text() + "'", t);
    }
  }

  private Ev name(Token t) {
    switch (t.text()) {
      case "None" -> {
        return new Atoms.Const(null, pos(t));
      }
      case "True" -> {
        return new Atoms.Const(Boolean.TRUE, pos(t));
      }
      case "False" -> {
        return new Atoms.Const(Boolean.FALSE, pos(t));
      }
      case "import", "from", "yield", "await", "def", "class", "del", "global" ->
          throw error("'" + t.text() + "' is not allowed in template expressions", t);
      default -> {
        if (KEYWORDS.contains(t.text())) {
          throw error("unexpected '" + t.text() + "'", t);
        }
      }
    }
    checkName(t);
    for (int k = scopes.size() - 1; k >= 0; k--) {
      int i = scopes.get(k).indexOf(t.text());
      if (i >= 0) {
        return new Atoms.Local(scopes.size() - 1 - k, i, t.text(), pos(t));
      }
    }
    return new Atoms.Global(t.text(), pos(t));
  }

  private Ev braces(Token open) {
    if (accept("}")) {
      return new Atoms.DictEv(new Ev[0], new Ev[0], pos(open));
    }
    Token first = peek();
    if (at("**")) {
      return dictRest(open, null);
    }
    Ev e = starOrTest();
    if (accept(":")) {
      Ev v = test();
      if (at("for")) {
        Ev c = comprehension(Functions.Kind.DICT, first, null);
        expect("}");
        return c;
      }
      return dictRest(open, new Ev[] {e, v});
    }
    if (at("for")) {
      Ev c = comprehension(Functions.Kind.SET, first, null);
      expect("}");
      return c;
    }
    List<Ev> items = new ArrayList<>();
    items.add(e);
    while (accept(",")) {
      if (at("}")) {
        break;
      }
      items.add(starOrTest());
    }
    expect("}");
    return new Atoms.SetEv(items.toArray(Ev[]::new), pos(open));
  }

  private Ev dictRest(Token open, Ev[] firstPair) {
    List<Ev> keys = new ArrayList<>();
    List<Ev> values = new ArrayList<>();
    if (firstPair != null) {
      keys.add(firstPair[0]);
      values.add(firstPair[1]);
      if (!accept(",")) {
        expect("}");
        return new Atoms.DictEv(keys.toArray(Ev[]::new), values.toArray(Ev[]::new), pos(open));
      }
    }
    while (!at("}")) {
      if (accept("**")) {
        keys.add(null);
        values.add(bitOr());
      } else {
        keys.add(test());
        expect(":");
        values.add(test());
      }
      if (!accept(",")) {
        break;
      }
    }
    expect("}");
    return new Atoms.DictEv(keys.toArray(Ev[]::new), values.toArray(Ev[]::new), pos(open));
  }

  /**
   * Parses the {@code for ... in ... if ...} clauses after an element, then parses the element
   * again (it starts at {@code elementStart}) with the loop variables in scope.
   */
  private Ev comprehension(Functions.Kind kind, Token elementStart, Object unused) {
    int elementPos = tokens.indexOf(elementStart);
    List<String> scope = new ArrayList<>();
    List<Functions.Clause> clauses = new ArrayList<>();
    boolean firstClause = true;
    while (at("for")) {
      next();
      Functions.Target target = targetList(scope);
      expect("in");
      Ev iterable;
      if (firstClause) {
        iterable = orTest(); // evaluated in the enclosing scope
        scopes.add(scope);
      } else {
        iterable = orTest();
      }
      firstClause = false;
      List<Ev> conditions = new ArrayList<>();
      while (at("if")) {
        next();
        conditions.add(testNoCond());
      }
      clauses.add(new Functions.Clause(target, iterable, conditions.toArray(Ev[]::new)));
    }
    int end = p;
    Ev element;
    Ev value = null;
    try {
      p = elementPos;
      element = kind == Functions.Kind.DICT ? test() : test();
      if (kind == Functions.Kind.DICT) {
        expect(":");
        value = test();
      }
    } finally {
      scopes.remove(scopes.size() - 1);
      p = end;
    }
    return new Functions.Comprehension(
        kind,
        element,
        value,
        clauses.toArray(Functions.Clause[]::new),
        scope.size(),
        pos(elementStart));
  }

  private Functions.Target targetList(List<String> scope) {
    Functions.Target first = target(scope);
    if (!at(",")) {
      return first;
    }
    List<Functions.Target> parts = new ArrayList<>();
    parts.add(first);
    while (accept(",")) {
      if (at("in")) {
        break;
      }
      parts.add(target(scope));
    }
    return new Functions.Target(-1, parts.toArray(Functions.Target[]::new));
  }

  private Functions.Target target(List<String> scope) {
    if (at("(") || at("[")) {
      String close = next().text().equals("(") ? ")" : "]";
      List<Functions.Target> parts = new ArrayList<>();
      while (!at(close)) {
        parts.add(target(scope));
        if (!accept(",")) {
          break;
        }
      }
      expect(close);
      return new Functions.Target(-1, parts.toArray(Functions.Target[]::new));
    }
    Token name = next();
    if (name.kind() != Kind.NAME || KEYWORDS.contains(name.text())) {
      throw error("expected a loop variable name", name);
    }
    checkName(name);
    int i = scope.indexOf(name.text());
    if (i < 0) {
      scope.add(name.text());
      i = scope.size() - 1;
    }
    return new Functions.Target(i, null);
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /** Adjacent literals concatenate, as in Python; any f-string among them makes an f-string. */
  private Ev strings(Token first) {
    List<Functions.Part> parts = new ArrayList<>();
    boolean dynamic = false;
    Token t = first;
    while (true) {
      if (t.kind() == Kind.STRING) {
        parts.add(new Functions.Part((String) t.value(), null, (char) 0, null));
      } else {
        Object[] v = (Object[]) t.value();
        fstring((String) v[0], (Boolean) v[1], (Integer) v[2] + offset, parts);
        dynamic = true;
      }
      if (peek().kind() == Kind.STRING || peek().kind() == Kind.FSTRING) {
        t = next();
      } else {
        break;
      }
    }
    if (!dynamic) {
      StringBuilder s = new StringBuilder();
      for (Functions.Part part : parts) {
        s.append(part.text());
      }
      return new Atoms.Const(s.toString(), pos(first));
    }
    return new Functions.FString(parts.toArray(Functions.Part[]::new), pos(first));
  }

  private void fstring(String body, boolean raw, int base, List<Functions.Part> parts) {
    StringBuilder text = new StringBuilder();
    int n = body.length();
    int i = 0;
    while (i < n) {
      char c = body.charAt(i);
      if (c == '{' && i + 1 < n && body.charAt(i + 1) == '{') {
        text.append('{');
        i += 2;
        continue;
      }
      if (c == '}' && i + 1 < n && body.charAt(i + 1) == '}') {
        text.append('}');
        i += 2;
        continue;
      }
      if (c == '}') {
        throw new ExprSyntaxError("f-string: single '}' is not allowed", base + i);
      }
      if (c == '\\' && !raw && i + 1 < n) {
        i = Lexer.unescape(body, i + 1, text);
        continue;
      }
      if (c != '{') {
        text.append(c);
        i++;
        continue;
      }
      if (text.length() > 0) {
        parts.add(new Functions.Part(text.toString(), null, (char) 0, null));
        text.setLength(0);
      }
      i = replacementField(body, i + 1, base, parts);
    }
    if (text.length() > 0) {
      parts.add(new Functions.Part(text.toString(), null, (char) 0, null));
    }
  }

  /** Parses {@code expr!c:spec}} starting after the brace; returns the index after the field. */
  private int replacementField(String body, int start, int base, List<Functions.Part> parts) {
    int n = body.length();
    int depth = 0;
    char quote = 0;
    int i = start;
    int exprEnd = -1;
    for (; i < n; i++) {
      char c = body.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (depth == 0
          && (c == '}' || c == ':' || (c == '!' && (i + 1 >= n || body.charAt(i + 1) != '=')))) {
        exprEnd = i;
        break;
      }
    }
    if (exprEnd < 0) {
      throw new ExprSyntaxError("f-string: expecting '}'", base + start - 1);
    }
    String exprSource = body.substring(start, exprEnd);
    if (exprSource.isBlank()) {
      throw new ExprSyntaxError("f-string: empty expression not allowed", base + start);
    }
    boolean selfDoc = false;
    String trimmed = exprSource.stripTrailing();
    if (trimmed.endsWith("=")
        && !trimmed.endsWith("==")
        && !trimmed.endsWith("!=")
        && !trimmed.endsWith("<=")
        && !trimmed.endsWith(">=")) {
      selfDoc = true;
      exprSource = trimmed.substring(0, trimmed.length() - 1);
    }
    ExprParser sub = new ExprParser(exprSource, members, scopes, base + start);
    Ev value = sub.testList();
    sub.expectEnd();
    i = exprEnd;
    char conversion = 0;
    if (body.charAt(i) == '!') {
      if (i + 1 >= n || "rsa".indexOf(body.charAt(i + 1)) < 0) {
        throw new ExprSyntaxError("f-string: invalid conversion character", base + i + 1);
      }
      conversion = body.charAt(i + 1);
      i += 2;
    } else if (selfDoc) {
      conversion = 'r';
    }
    Ev spec = null;
    if (i < n && body.charAt(i) == ':') {
      int specStart = i + 1;
      int d = 0;
      int j = specStart;
      for (; j < n; j++) {
        char c = body.charAt(j);
        if (c == '{') {
          d++;
        } else if (c == '}') {
          if (d == 0) {
            break;
          }
          d--;
        }
      }
      List<Functions.Part> specParts = new ArrayList<>();
      fstring(body.substring(specStart, j), true, base + specStart, specParts);
      spec = new Functions.FString(specParts.toArray(Functions.Part[]::new), base + specStart);
      i = j;
    }
    if (i >= n || body.charAt(i) != '}') {
      throw new ExprSyntaxError("f-string: expecting '}'", base + i);
    }
    if (selfDoc) {
      parts.add(new Functions.Part(body.substring(start, exprEnd), null, (char) 0, null));
      if (spec != null && conversion == 'r') {
        conversion = 0;
      }
    }
    parts.add(new Functions.Part(null, value, conversion, spec));
    return i + 1;
  }
}
