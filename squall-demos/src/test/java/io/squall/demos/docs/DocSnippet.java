package io.squall.demos.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ```java} block of a Markdown page, and the Java file it becomes.
 *
 * <p>The rule that turns a block into a compilable file (the docs state it too, in {@code
 * docs/getting-started.md} under "About the examples"):
 *
 * <ol>
 *   <li>Leading {@code import} lines stay imports. Every block also sees the exported packages of
 *       {@code squall-core} and {@code squall-testing}, JUnit's {@code Test} and AssertJ's {@code
 *       assertThat}, and {@code java.util}, {@code java.util.concurrent}, {@code java.nio.file},
 *       {@code java.time} on demand (a block's own single-type imports win).
 *   <li>A declaration that starts at column 0 ({@code class}, {@code record}, {@code interface},
 *       {@code enum}, with annotations and modifiers) becomes a top-level type of the file; a
 *       {@code public} before it is dropped so one file can hold several.
 *   <li>Every other line becomes a statement of {@code static void run() throws Exception} in a
 *       class {@code Snippet}: it is compiled, never run.
 * </ol>
 *
 * Each block is its own package ({@code snippets.s1}, {@code snippets.s2}, ...), so names may
 * repeat from block to block.
 */
record DocSnippet(Path page, int line, String code, int index) {
  private static final Pattern TYPE_START =
      Pattern.compile(
          "^(@\\w+(\\([^)]*\\))?\\s+)*((public|protected|private|static|final|abstract|sealed"
              + "|non-sealed)\\s+)*(class|record|interface|enum|@interface)\\s+\\w+.*");
  private static final Pattern PUBLIC =
      Pattern.compile("^((?:@\\w+(?:\\([^)]*\\))?\\s+)*)public\\s+");

  static final List<String> DEFAULT_IMPORTS =
      List.of(
          "io.squall.escape.*",
          "io.squall.ioloop.*",
          "io.squall.iostream.*",
          "io.squall.tcp.*",
          "io.squall.http.*",
          "io.squall.web.*",
          "io.squall.websocket.*",
          "io.squall.template.*",
          "io.squall.testing.*",
          "java.util.*",
          "java.util.concurrent.*",
          "java.nio.file.*",
          "java.time.*");

  /**
   * Every {@code ```java} block of {@code page}, in order; {@code index} numbers on from {@code
   * first}.
   */
  static List<DocSnippet> extract(Path page, int first) throws IOException {
    List<String> lines = Files.readAllLines(page);
    List<DocSnippet> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals("```java")) {
        continue;
      }
      int start = i + 1;
      StringBuilder code = new StringBuilder();
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        code.append(lines.get(i)).append('\n');
      }
      if (i == lines.size()) {
        throw new IllegalStateException(page + ":" + start + ": unclosed ```java block");
      }
      out.add(new DocSnippet(page, start, code.toString(), first + out.size()));
    }
    return out;
  }

  /** Where the block is, as {@code README.md:12}. */
  String where() {
    return page.getFileName() + ":" + line;
  }

  /** The package this block compiles in. */
  String packageName() {
    return "snippets.s" + index;
  }

  /** The block as a Java file, by the rule above. */
  String toJavaSource() {
    List<String> imports = new ArrayList<>();
    StringBuilder types = new StringBuilder();
    StringBuilder statements = new StringBuilder();
    String[] lines = code.split("\n", -1);
    int depth = 0;
    boolean inType = false;
    boolean leading = true;
    for (String l : lines) {
      String s = l.strip();
      if (leading && (s.isEmpty() || s.startsWith("import "))) {
        if (!s.isEmpty()) {
          imports.add(s);
        }
        continue;
      }
      leading = false;
      if (depth == 0 && !inType && TYPE_START.matcher(l).matches()) {
        inType = true;
      }
      int before = depth;
      depth += braces(l);
      if (inType || (before == 0 && l.matches("@\\w+(\\(.*\\))?\\s*"))) {
        Matcher m = PUBLIC.matcher(l);
        types.append(before == 0 && m.find() ? m.replaceFirst("$1") : l).append('\n');
        if (depth == 0 && l.contains("}")) {
          inType = false;
        }
      } else {
        statements.append("    ").append(l).append('\n');
      }
    }
    StringBuilder src = new StringBuilder("package ").append(packageName()).append(";\n");
    for (String imp : imports) {
      src.append(imp).append('\n');
    }
    for (String imp : DEFAULT_IMPORTS) {
      src.append("import ").append(imp).append(";\n");
    }
    src.append("import org.junit.jupiter.api.Test;\n");
    src.append("import static org.assertj.core.api.Assertions.assertThat;\n");
    src.append(types);
    src.append(
        "class Snippet {\n  @SuppressWarnings(\"unused\")\n  static void run() throws Exception {\n");
    src.append(statements);
    src.append("  }\n}\n");
    return src.toString();
  }

  /** Opening minus closing braces on a line, outside string literals and line comments. */
  private static int braces(String line) {
    int n = 0;
    boolean str = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (str) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          str = false;
        }
      } else if (c == '"') {
        str = true;
      } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
        break;
      } else if (c == '{') {
        n++;
      } else if (c == '}') {
        n--;
      }
    }
    return n;
  }
}
