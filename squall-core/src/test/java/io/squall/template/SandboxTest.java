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
      })
  void cannotReachDangerousClasses(String expression) {
    assertThatThrownBy(() -> new Template("{{ " + expression + " }}").generate(ARGS))
        .isInstanceOf(TemplateException.class);
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
                        + "{{ account.owner }}")
                .generate(ARGS))
        .isEqualTo("TEXT 2 2 ann");
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
