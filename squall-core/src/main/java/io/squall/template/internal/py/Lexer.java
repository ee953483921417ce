package io.squall.template.internal.py;

import java.util.ArrayList;
import java.util.List;

/** Splits a Python expression into tokens. */
final class Lexer {
  enum Kind {
    NAME,
    INT,
    FLOAT,
    STRING,
    FSTRING,
    OP,
    END
  }

  /**
   * One token: {@code text} is the name or operator, {@code value} the literal's value (for an
   * f-string, the raw text between the quotes), {@code pos} its offset in the source.
   */
  record Token(Kind kind, String text, Object value, int pos) {
    boolean is(String op) {
      return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
  }

  private static final String[] OPERATORS = {
    "**=", "//=", ">>=", "<<=", "...", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=", "!"
  };

  private final String src;
  private int i;

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    return new Lexer(src).run();
  }

  static boolean isIdentifier(String s) {
    if (s.isEmpty()
        || !Character.isUnicodeIdentifierStart(s.codePointAt(0)) && s.charAt(0) != '_') {
      return false;
    }
    return s.codePoints()
        .allMatch(c -> Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c));
  }

  private List<Token> run() {
    List<Token> out = new ArrayList<>();
    int n = src.length();
    int depth = 0;
    while (true) {
      while (i < n) {
        char c = src.charAt(i);
        if (c == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
          i += 2;
        } else if ((c == '\n' || c == '\r') && depth == 0) {
          throw new ExprSyntaxError(
              "line break outside brackets: Python reads an expression to the end of its line", i);
        } else if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '#') {
          throw new ExprSyntaxError("comments are not allowed in template expressions", i);
        } else {
          break;
        }
      }
      if (i >= n) {
        out.add(new Token(Kind.END, "", null, n));
        return out;
      }
      int start = i;
      char c = src.charAt(i);
      if (isAsciiDigit(c) || (c == '.' && i + 1 < n && isAsciiDigit(src.charAt(i + 1)))) {
        out.add(number());
        continue;
      }
      if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
        String word = src.substring(start, i);
        if (i < n && (src.charAt(i) == '\'' || src.charAt(i) == '"') && word.length() <= 2) {
          String prefix = word.toLowerCase(java.util.Locale.ROOT);
          if (prefix.matches("r|u|f|b|rf|fr|rb|br")) {
            if (prefix.contains("b")) {
              throw new ExprSyntaxError("bytes literals are not supported in templates", start);
            }
            out.add(string(start, prefix.contains("r"), prefix.contains("f")));
            continue;
          }
        }
        out.add(new Token(Kind.NAME, word, null, start));
        continue;
      }
      if (c == '\'' || c == '"') {
        out.add(string(start, false, false));
        continue;
      }
      String op = null;
      for (String o : OPERATORS) {
        if (src.startsWith(o, i)) {
          op = o;
          break;
        }
      }
      if (op == null) {
        throw new ExprSyntaxError("invalid character '" + c + "'", i);
      }
      i += op.length();
      if (op.equals("(") || op.equals("[") || op.equals("{")) {
        depth++;
      } else if ((op.equals(")") || op.equals("]") || op.equals("}")) && depth > 0) {
        depth--;
      }
      out.add(new Token(Kind.OP, op, null, start));
    }
  }

  private Token number() {
    int start = i;
    int n = src.length();
    if (src.charAt(i) == '0' && i + 1 < n && "xXoObB".indexOf(src.charAt(i + 1)) >= 0) {
      char k = Character.toLowerCase(src.charAt(i + 1));
      i += 2;
      int ds = i;
      while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
        i++;
      }
      int radix = k == 'x' ? 16 : k == 'o' ? 8 : 2;
      try {
        return new Token(
            Kind.INT,
            src.substring(start, i),
            Py.norm(new java.math.BigInteger(src.substring(ds, i).replace("_", ""), radix)),
            start);
      } catch (NumberFormatException e) {
        throw new ExprSyntaxError("invalid number literal", start);
      }
    }
    boolean isFloat = false;
    while (i < n && (isAsciiDigit(src.charAt(i)) || src.charAt(i) == '_')) {
      i++;
    }
    if (i < n && src.charAt(i) == '.' && !(i + 1 < n && src.charAt(i + 1) == '.')) {
      isFloat = true;
      i++;
      while (i < n && (isAsciiDigit(src.charAt(i)) || src.charAt(i) == '_')) {
        i++;
      }
    }
    if (i < n && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      int save = i;
      i++;
      if (i < n && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
        i++;
      }
      if (i < n && isAsciiDigit(src.charAt(i))) {
        isFloat = true;
        while (i < n && (isAsciiDigit(src.charAt(i)) || src.charAt(i) == '_')) {
          i++;
        }
      } else {
        i = save;
      }
    }
    if (i < n && (src.charAt(i) == 'j' || src.charAt(i) == 'J')) {
      throw new ExprSyntaxError("complex numbers are not supported in templates", start);
    }
    if (i < n && (Character.isLetter(src.charAt(i)) || src.charAt(i) == '_')) {
      throw new ExprSyntaxError("invalid number literal", start);
    }
    String text = src.substring(start, i);
    String clean = text.replace("_", "");
    if (isFloat) {
      return new Token(Kind.FLOAT, text, Double.parseDouble(clean), start);
    }
    if (clean.length() > 1 && clean.charAt(0) == '0' && !clean.chars().allMatch(ch -> ch == '0')) {
      throw new ExprSyntaxError(
          "leading zeros in decimal integer literals are not permitted", start);
    }
    return new Token(Kind.INT, text, Py.norm(new java.math.BigInteger(clean)), start);
  }

  /** Python's numeric literals take ASCII digits only (other Unicode digits are not numbers). */
  static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Token string(int start, boolean raw, boolean fstring) {
    int n = src.length();
    char q = src.charAt(i);
    boolean triple = src.startsWith(String.valueOf(q).repeat(3), i);
    i += triple ? 3 : 1;
    int bodyStart = i;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (i >= n) {
        throw new ExprSyntaxError("unterminated string literal", start);
      }
      char c = src.charAt(i);
      if (c == q && (!triple || src.startsWith(String.valueOf(q).repeat(3), i))) {
        String body = src.substring(bodyStart, i);
        i += triple ? 3 : 1;
        if (fstring) {
          return new Token(
              Kind.FSTRING, src.substring(start, i), new Object[] {body, raw, bodyStart}, start);
        }
        return new Token(Kind.STRING, src.substring(start, i), out.toString(), start);
      }
      if (c == '\n' && !triple) {
        throw new ExprSyntaxError("unterminated string literal", start);
      }
      if (c == '\\' && i + 1 < n) {
        if (raw || fstring) {
          out.append(c).append(src.charAt(i + 1));
          i += 2;
          continue;
        }
        i = escape(out, i + 1);
        continue;
      }
      out.append(c);
      i++;
    }
  }

  /** Decodes the escape after a backslash at {@code at - 1}; returns the index after it. */
  private int escape(StringBuilder out, int at) {
    return unescape(src, at, out);
  }

  static int unescape(String src, int at, StringBuilder out) {
    char e = src.charAt(at);
    switch (e) {
      case '\n' -> {
        return at + 1;
      }
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case '\\' -> out.append('\\');
      case '\'' -> out.append('\'');
      case '"' -> out.append('"');
      case 'a' -> out.append('\u0007');
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\u000b');
      case 'x', 'u', 'U' -> {
        int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        if (at + 1 + len > src.length()) {
          throw new ExprSyntaxError("truncated \\" + e + " escape", at - 1);
        }
        try {
          out.appendCodePoint(Integer.parseInt(src.substring(at + 1, at + 1 + len), 16));
        } catch (IllegalArgumentException ex) {
          throw new ExprSyntaxError("invalid \\" + e + " escape", at - 1);
        }
        return at + 1 + len;
      }
      default -> {
        if (e >= '0' && e <= '7') {
          int end = at;
          while (end < src.length()
              && end < at + 3
              && src.charAt(end) >= '0'
              && src.charAt(end) <= '7') {
            end++;
          }
          out.append((char) Integer.parseInt(src.substring(at, end), 8));
          return end;
        }
        out.append('\\').append(e);
      }
    }
    return at + 1;
  }
}
