package io.squall.demos.docs;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources held in memory against the test's class path, with javax.tools. */
final class SnippetCompiler {
  private SnippetCompiler() {}

  /** The class path of the running tests (surefire hides it behind a manifest-only jar). */
  static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /**
   * Compiles {@code sources} (path like {@code snippets/s1/Snippet.java} to text) into {@code out}.
   *
   * @return the error messages of each source path that has any, with line numbers of that source
   */
  static Map<String, List<String>> compile(Map<String, String> sources, Path out)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
    }
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach(
        (path, text) ->
            units.add(
                new SimpleJavaFileObject(
                    URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
                  @Override
                  public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                  }
                }));
    DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diags, null, null)) {
      List<String> options =
          List.of(
              "-classpath",
              classPath(),
              "-d",
              out.toString(),
              "-proc:none",
              "-implicit:none",
              "-Xmaxerrs",
              "10000");
      javac.getTask(null, files, diags, options, null, units).call();
    }
    Map<String, List<String>> errors = new HashMap<>();
    for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String path = d.getSource() == null ? "" : d.getSource().toUri().getPath().substring(1);
      errors
          .computeIfAbsent(path, k -> new ArrayList<>())
          .add("line " + d.getLineNumber() + ": " + d.getMessage(null));
    }
    return errors;
  }
}
