package io.squall.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every type and every public or protected member that {@code squall-core}'s {@code
 * module-info.java} exports, and every public one of {@code squall-testing}, has a Javadoc comment
 * (an {@code @Override} inherits the comment of the method it overrides, as in Javadoc). The
 * Javadoc build checks links, HTML and tags with doclint; this checks that the comments are there,
 * which doclint's "missing" group would only do together with a {@code @param} for every parameter.
 */
class DocCommentsTest {
  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("squall-core/src/main/java"))) {
      p = p.getParent();
    }
    assertThat(p).as("repository root").isNotNull();
    return p;
  }

  static Set<String> exportedPackages(Path moduleInfo) throws IOException {
    String text = Files.readString(moduleInfo);
    Matcher m = Pattern.compile("(?m)^\\s*exports\\s+([\\w.]+)\\s*;").matcher(text);
    Set<String> out = new java.util.TreeSet<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  static List<Path> sources(Path srcRoot, Set<String> packages) throws IOException {
    List<Path> out = new ArrayList<>();
    for (String pkg : packages) {
      Path dir = srcRoot.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .filter(f -> !f.getFileName().toString().equals("package-info.java"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  /** {@code Type.member (File.java:line)} for each public API element without a comment. */
  static List<String> undocumented(List<Path> files) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> missing = new ArrayList<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
      Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
      JavacTask task =
          (JavacTask) javac.getTask(null, fm, d -> {}, List.of("-proc:none"), null, units);
      DocTrees docs = DocTrees.instance(task);
      for (CompilationUnitTree unit : task.parse()) {
        new TreePathScanner<Void, Void>() {
          @Override
          public Void visitClass(ClassTree c, Void v) {
            if (!visible(c.getModifiers(), getCurrentPath())) {
              return null;
            }
            check(c.getSimpleName().toString());
            return super.visitClass(c, v);
          }

          @Override
          public Void visitMethod(MethodTree m, Void v) {
            if (visible(m.getModifiers(), getCurrentPath()) && !generated(m)) {
              check(enclosing() + "." + m.getName());
            }
            return null;
          }

          @Override
          public Void visitVariable(VariableTree f, Void v) {
            if (getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
                && visible(f.getModifiers(), getCurrentPath())) {
              check(enclosing() + "." + f.getName());
            }
            return null;
          }

          private boolean generated(MethodTree m) {
            // an @Override inherits its comment from the method it overrides, as in Javadoc
            if (m.getModifiers().getAnnotations().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"))) {
              return true;
            }
            // a record's compact canonical constructor is documented by the record's @param tags
            return m.getName().contentEquals("<init>")
                && m.getParameters().isEmpty()
                && enclosingKind() == Tree.Kind.RECORD;
          }

          private Tree.Kind enclosingKind() {
            return getCurrentPath().getParentPath().getLeaf().getKind();
          }

          private String enclosing() {
            return getCurrentPath().getParentPath().getLeaf() instanceof ClassTree c
                ? c.getSimpleName().toString()
                : "?";
          }

          private void check(String name) {
            DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
            if (doc == null) {
              long line =
                  unit.getLineMap()
                      .getLineNumber(
                          docs.getSourcePositions()
                              .getStartPosition(unit, getCurrentPath().getLeaf()));
              missing.add(
                  name
                      + " ("
                      + Path.of(unit.getSourceFile().toUri()).getFileName()
                      + ":"
                      + line
                      + ")");
            }
          }
        }.scan(unit, null);
      }
    }
    return missing;
  }

  /** Public or protected, or a member of an interface or annotation, inside visible types. */
  static boolean visible(ModifiersTree mods, TreePath path) {
    Tree parent = path.getParentPath().getLeaf();
    boolean inInterface =
        parent.getKind() == Tree.Kind.INTERFACE || parent.getKind() == Tree.Kind.ANNOTATION_TYPE;
    Set<Modifier> f = mods.getFlags();
    if (f.contains(Modifier.PRIVATE)) {
      return false;
    }
    return f.contains(Modifier.PUBLIC) || f.contains(Modifier.PROTECTED) || inInterface;
  }

  @Test
  void everyExportedCoreTypeAndMemberHasAComment() throws IOException {
    Path src = root().resolve("squall-core/src/main/java");
    Set<String> exported = exportedPackages(src.resolve("module-info.java"));
    exported.removeIf(p -> p.contains(".internal"));
    assertThat(exported).contains("io.squall.web", "io.squall.ioloop");
    assertThat(undocumented(sources(src, exported))).isEmpty();
  }

  @Test
  void everyPublicTestKitTypeAndMemberHasAComment() throws IOException {
    Path src = root().resolve("squall-testing/src/main/java");
    assertThat(undocumented(sources(src, Set.of("io.squall.testing")))).isEmpty();
  }
}
