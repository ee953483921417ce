package io.squall.demos.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squall.demos.DemoArgs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The hub's database options: {@code --db} and {@code --data-dir}. */
class TasksDemoArgsTest {
  @Test
  void dbAndDataDirAreReadAndDoNotUpsetThePort() {
    String[] args = {"--db=jdbc:postgresql://db/tasks", "--port=9000", "--data-dir=/tmp/x"};
    assertThat(DemoArgs.port(args, 8888)).isEqualTo(9000);
    assertThat(DemoArgs.option(args, "db")).isEqualTo("jdbc:postgresql://db/tasks");
    assertThat(DemoArgs.dataDir(args)).isEqualTo(Path.of("/tmp/x"));
    assertThat(DemoArgs.option(new String[] {"--port=1"}, "db")).isNull();
    assertThatThrownBy(() -> DemoArgs.option(new String[] {"--db="}, "db"))
        .hasMessage("--db= needs a value");
  }

  @Test
  void theDefaultDataDirIsUnderTheUsersDataHome() {
    Path dir = DemoArgs.dataDir(new String[0]);
    assertThat(dir.isAbsolute()).isTrue();
    assertThat(dir.getFileName().toString()).isEqualTo("squall-demos");
    assertThat(TasksDemo.h2Url(dir)).isEqualTo("jdbc:h2:file:" + dir.resolve("tasks"));
  }
}
