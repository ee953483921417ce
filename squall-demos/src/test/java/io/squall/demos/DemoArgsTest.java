package io.squall.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoArgsTest {
  @Test
  void portFromEitherSpellingElseTheFallback() {
    assertThat(DemoArgs.port(new String[] {}, 8888)).isEqualTo(8888);
    assertThat(DemoArgs.port(new String[] {"--port=9000"}, 8888)).isEqualTo(9000);
    assertThat(DemoArgs.port(new String[] {"--port", "9001"}, 8888)).isEqualTo(9001);
    assertThat(DemoArgs.port(new String[] {"--port=0"}, 8888)).isZero();
    assertThat(DemoArgs.port(new String[] {"--port=1", "--port=2"}, 8888)).isEqualTo(2);
  }

  @Test
  void badPortsAndUnknownArgumentsSayWhatIsWrong() {
    assertThatThrownBy(() -> DemoArgs.port(new String[] {"--port=x"}, 8888))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--port wants a number from 0 to 65535, got 'x'");
    assertThatThrownBy(() -> DemoArgs.port(new String[] {"--port=65536"}, 8888))
        .hasMessageContaining("got '65536'");
    assertThatThrownBy(() -> DemoArgs.port(new String[] {"--port=-1"}, 8888))
        .hasMessageContaining("got '-1'");
    assertThatThrownBy(() -> DemoArgs.port(new String[] {"--port"}, 8888))
        .hasMessage("--port needs a number");
    assertThatThrownBy(() -> DemoArgs.port(new String[] {"8899"}, 8888))
        .hasMessage("unknown argument '8899' (usage: [--port=N] [--debug] [--help])");
  }

  @Test
  void loopsAndRedisAreReadAndChecked() {
    assertThat(DemoArgs.loops(new String[] {})).isEqualTo(1);
    assertThat(DemoArgs.loops(new String[] {"--port=0", "--loops=2"})).isEqualTo(2);
    assertThat(DemoArgs.redis(new String[] {})).isNull();
    assertThat(DemoArgs.redis(new String[] {"--redis=redis://127.0.0.1:6379"}))
        .isEqualTo("redis://127.0.0.1:6379");
    assertThat(DemoArgs.parse(new String[] {"--loops=4", "--redis=redis://h:1"}, 8888).port())
        .isEqualTo(8888);
    assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--loops=0"}, 8888))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--loops wants a number from 1 to 256, got '0'");
    assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--loops=two"}, 8888))
        .hasMessage("--loops wants a number from 1 to 256, got 'two'");
    assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--loops="}, 8888))
        .hasMessage("--loops= needs a value");
    assertThatThrownBy(() -> DemoArgs.parse(new String[] {"--redis=localhost:6379"}, 8888))
        .hasMessage("--redis wants a URI redis://host:port, got 'localhost:6379'");
  }
}
