package io.squall.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseOptionsTest {
  @Test
  void defaultsAndChecks() {
    DatabaseOptions o = DatabaseOptions.builder("jdbc:h2:mem:x").build();
    assertThat(o.poolSize()).isEqualTo(DatabaseOptions.DEFAULT_POOL_SIZE);
    assertThat(o.connectionTimeout()).isEqualTo(DatabaseOptions.DEFAULT_CONNECTION_TIMEOUT);
    assertThat(o.maxLifetime()).isEqualTo(DatabaseOptions.DEFAULT_MAX_LIFETIME);
    assertThat(o.migrations()).isEmpty();

    assertThatThrownBy(() -> DatabaseOptions.builder("h2:mem:x").build())
        .hasMessage("database URL must start with 'jdbc:', got 'h2:mem:x'");
    assertThatThrownBy(() -> DatabaseOptions.builder("jdbc:h2:mem:x").poolSize(0).build())
        .hasMessageContaining("poolSize");
    assertThatThrownBy(
            () ->
                DatabaseOptions.builder("jdbc:h2:mem:x")
                    .connectionTimeout(Duration.ofMillis(10))
                    .build())
        .hasMessageContaining("connectionTimeout");
    assertThatThrownBy(
            () ->
                DatabaseOptions.builder("jdbc:h2:mem:x").maxLifetime(Duration.ofSeconds(1)).build())
        .hasMessageContaining("maxLifetime");
  }

  @Test
  void aDatabaseThatIsNotThereFailsToOpenWithTheUrlInTheMessage() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/nothing?user=x&password=secret";
    assertThatThrownBy(
            () ->
                Database.open(
                    DatabaseOptions.builder(url).connectionTimeout(Duration.ofMillis(500)).build()))
        .isInstanceOf(DatabaseUnavailableException.class)
        .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:" + port)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("secret");
  }
}
