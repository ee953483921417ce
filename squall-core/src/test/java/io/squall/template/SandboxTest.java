package io.squall.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.sandbox.Account;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Template expressions cannot reach arbitrary classes: no Runtime.exec and the like. */
class SandboxTest {
  private static final Map<String, Object> ARGS =
      Map.of(
          "s",
          "text",
          "list",
          List.of(1, 2),
          "account",
          new Account(),
          "thread",
          Thread.currentThread(),
          "file",
          new File("/tmp/squall-sandbox-test-never-created"),
          "path",
          Path.of("/tmp"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s.getClass().forName('java.lang.Runtime').getRuntime().exec('id')",
        "s.class.forName('java.lang.Runtime')",
        "s.getClass()",
        "s.class.classLoader",
        "list.getClass().getClassLoader().loadClass('java.lang.Runtime')",
        "account.runtime.exec('id')",
        "account.getRuntime().availableProcessors()",
        "thread.getContextClassLoader()",
        "thread.getName()",
        "thread.name",
        "thread.contextClassLoader",
        "file.parentFile",
        "file.absolutePath",
        "path.fileSystem",
        "s.class",
        "s.bytes.class",
        "file.delete()",
        "file.exists()",
        "path.toFile()",
        "Runtime:getRuntime()",
        "java.lang.Runtime.getRuntime()",
        "Runtime.getRuntime()",
        "new('java.lang.Runtime')",
        "new('java.io.File', '/tmp/x')",
        "s instanceof java.lang.String ? 1 : 2",
        "`${s.getClass().forName('java.lang.Runtime')}`",
        "x = 1",
        "s.foo = 1",
        "(x -> x)(1)",
        "function(x) { x }",
        // Python's ways out of a sandbox
        "s.__class__",
        "s.__class__.__mro__[1].__subclasses__()",
        "().__class__.__bases__[0].__subclasses__()",
        "[c for c in ().__class__.__base__.__subclasses__()]",
        "s.format.__globals__",
        "(lambda: 1).__code__",
        "(lambda: 1).__globals__",
        "account.__dict__",
        "getattr(s, '__class__')",
        "getattr(account, 'runtime')",
        "eval('1 + 1')",
        "exec('x = 1')",
        "compile('1', 'f', 'eval')",
        "__import__('os').system('id')",
        "__builtins__",
        "open('/etc/passwd').read()",
        "globals()",
        "locals()",
        "vars()",
        "dir()",
        "type(s)",
        "type(s).__subclasses__()",
        "'{0.__class__}'.format(s)",
        "'{0.runtime.exec}'.format(account)",
        "'{.getClass}'.format(s)",
        "f'{s.__class__}'",
        "f'{account.runtime.exec(\"id\")}'",
        "s._private",
        "account._secret",
        "s.getClass",
        "list.getClass().getName()",
        "list.get_class()",
        "account.get_runtime().exec('id')",
        "account.runtime.exit(1)",
        "thread.get_name()",
        "thread.context_class_loader",
        "file.to_path().file_system",
        "path.to_file().delete()",
        "(lambda f: f(f))(lambda f: f(f))",
        "'x' * 10**10",
        "[0] * 10**9",
        "2 ** 10**8",
        "import os",
        "__import__",
        "(x := 1)",
        "b'bytes'",
        "s.encode().decode",
        "(lambda: 1).closure.scope",
        "(lambda: 1).code.body",
        "s.upper.receiver",
        "range(3).start",
      })
  void cannotReachDangerousClasses(String expression) {
    assertThatThrownBy(() -> new Template("{{ " + expression + " }}").generate(ARGS))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void dunderAndPrivateNamesAreRejectedWhenTheTemplateCompiles() {
    assertThatThrownBy(() -> new Template("{{ s.__class__ }}"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("access to '__class__' is not allowed in templates")
        .hasMessageContaining("    s.__class__\n      ^");
    assertThatThrownBy(() -> new Template("{{ __import__('os') }}"))
        .hasMessageContaining("'__import__' is not available in templates");
    assertThatThrownBy(() -> new Template("{{ getattr(s, 'x') }}"))
        .hasMessageContaining("'getattr' is not available in templates");
    assertThatThrownBy(() -> new Template("{{ eval('1') }}"))
        .hasMessageContaining("'eval' is not available in templates");
  }

  @Test
  void objectsOfClassesOutsideTheSandboxCannotBeUsed() {
    assertThatThrownBy(() -> new Template("{{ thread.name }}").generate(ARGS))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("templates may not use objects of java.lang.Thread");
    assertThatThrownBy(() -> new Template("{{ account.runtime.exec('id') }}").generate(ARGS))
        .hasMessageContaining("templates may not use objects of java.lang.Runtime");
    assertThatThrownBy(() -> new Template("{{ s.getClass() }}").generate(ARGS))
        .hasMessageContaining("AttributeError: 'str' object has no attribute 'getClass'");
    assertThatThrownBy(() -> new Template("{{ list.getClass() }}").generate(ARGS))
        .hasMessageContaining("AttributeError: 'list' object has no attribute 'getClass'");
    assertThatThrownBy(() -> new Template("{{ 'x' * 10**10 }}").generate(ARGS))
        .hasMessageContaining("MemoryError");
  }

  @Test
  void pragmasAndScriptsAreRejectedAtCompileTime() {
    assertThatThrownBy(() -> new Template("{{ #pragma jexl.import java.lang\n Runtime }}"))
        .isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> new Template("{{ var x = 1; x }}"))
        .isInstanceOf(TemplateException.class);
    assertThatThrownBy(() -> new Template("{% set x = y = 2 %}"))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void safeTypesStillWork() {
    assertThat(
            new Template(
                    "{{ s.toUpperCase() }} {{ list.size() }} {{ list.stream().count() }} "
                        + "{{ account.owner }} {{ s.upper() }} {{ file is not None }}")
                .generate(ARGS))
        .isEqualTo("TEXT 2 2 ann TEXT True");
  }

  @Test
  void allowedPackagesRestrictApplicationClasses() {
    TemplateSettings onlyModels =
        TemplateSettings.builder().allowPackages("com.example.model").build();
    Template t = new Template("{{ account.owner }}", "t.txt", null, onlyModels);
    assertThatThrownBy(() -> t.generate(ARGS)).isInstanceOf(TemplateException.class);

    TemplateSettings sandbox =
        TemplateSettings.builder().allowPackages("com.example.sandbox").build();
    Template allowed = new Template("{{ account.owner }}", "t.txt", null, sandbox);
    assertThat(allowed.generate(ARGS)).isEqualTo("ann");
  }
}
