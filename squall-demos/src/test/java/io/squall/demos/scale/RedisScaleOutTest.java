package io.squall.demos.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.demos.HubProcess;
import io.squall.redis.RedisServer;
import io.squall.testing.ExternalTools;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out as issue 18 asks: two hubs ({@code ./demo --redis=...} in child JVMs) share one
 * redis-server, nginx balances chat clients over both, and every client gets every message once and
 * in one order, also after Redis restarted.
 */
class RedisScaleOutTest {
  private static final Pattern READY =
      Pattern.compile("Squall demo hub ready at http://localhost:(\\d+)/");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dataA;
  @TempDir Path dataB;

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void chatClientsOnBothInstancesBehindNginxGetEveryMessageOnceInOrderAcrossARedisRestart()
      throws Exception {
    ExternalTools.require("nginx", "nginx");
    List<ChatClient> clients = new ArrayList<>();
    try (RedisServer redis = new RedisServer().start();
        HubProcess a = hub(redis, dataA);
        HubProcess b = hub(redis, dataB)) {
      int portA = Integer.parseInt(a.awaitLine(READY).group(1));
      int portB = Integer.parseInt(b.awaitLine(READY).group(1));
      a.awaitLine(Pattern.compile("--redis +chat and long-poll messages fan out through redis://"));
      try (NginxProxy nginx = NginxProxy.start(List.of(portA, portB))) {
        HttpClient http = HttpClient.newHttpClient();
        // two clients straight to each instance, so both surely take part, and four through nginx
        clients.add(ChatClient.connect("a1", http, portA));
        clients.add(ChatClient.connect("a2", http, portA));
        clients.add(ChatClient.connect("b1", http, portB));
        clients.add(ChatClient.connect("b2", http, portB));
        for (int i = 1; i <= 4; i++) {
          clients.add(ChatClient.connect("n" + i, http, nginx.port()));
        }

        List<String> before = postFromAllAndCheck(clients, "before", 10);

        redis.stop();
        redis.start();
        // Redis keeps no history: what is published while an instance is not yet subscribed again
        // is lost. Probe until each instance hears the other, then post what must all arrive.
        awaitDelivery(clients.get(0), clients.get(2));
        awaitDelivery(clients.get(2), clients.get(0));
        List<String> after = postFromAllAndCheck(clients, "after", 5);
        assertThat(after).doesNotContainAnyElementsOf(before);

        for (ChatClient c : clients) {
          c.close();
        }
        // nginx writes a WebSocket's access-log line when it closes: the four went to both hubs
        Set<String> upstreams = socketUpstreams(nginx, 4);
        assertThat(upstreams)
            .as("upstreams of the chat sockets through nginx; log:%n%s", nginx.accessLog())
            .containsExactlyInAnyOrder("127.0.0.1:" + portA, "127.0.0.1:" + portB);
      }
    } finally {
      for (ChatClient c : clients) {
        c.close();
      }
    }
  }

  private HubProcess hub(RedisServer redis, Path dataDir) throws Exception {
    return HubProcess.start("--port=0", "--redis=" + redis.uri(), "--data-dir=" + dataDir);
  }

  /**
   * Every client posts {@code perClient} messages at once with the others; every client must get
   * all of them once, all clients in the same order, each sender's messages in the order it sent
   * them. Returns that order.
   */
  private static List<String> postFromAllAndCheck(
      List<ChatClient> clients, String phase, int perClient) throws Exception {
    List<CompletableFuture<Void>> posting = new ArrayList<>();
    for (ChatClient c : clients) {
      posting.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  for (int k = 0; k < perClient; k++) {
                    c.post(phase + "-" + c.name + "-" + k);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }));
    }
    CompletableFuture.allOf(posting.toArray(CompletableFuture[]::new))
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    int total = clients.size() * perClient;
    String prefix = phase + "-";
    List<String> order = null;
    for (ChatClient c : clients) {
      List<String> got = c.await(m -> m.startsWith(prefix), total, WAIT);
      // a moment more: a duplicate would come after the last expected message
      List<String> all = c.await(m -> m.startsWith(prefix), total + 1, Duration.ofMillis(300));
      assertThat(all).as("%s got each %s message once", c.name, phase).hasSize(total);
      assertThat(new HashSet<>(got)).as("%s: no duplicates", c.name).hasSize(total);
      for (ChatClient sender : clients) {
        List<String> fromSender =
            got.stream().filter(m -> m.startsWith(prefix + sender.name + "-")).toList();
        List<String> sent = new ArrayList<>();
        for (int k = 0; k < perClient; k++) {
          sent.add(prefix + sender.name + "-" + k);
        }
        assertThat(fromSender)
            .as("%s's messages as %s got them", sender.name, c.name)
            .isEqualTo(sent);
      }
      if (order == null) {
        order = got;
      } else {
        assertThat(got).as("%s sees the order the first client saw", c.name).isEqualTo(order);
      }
    }
    return order;
  }

  /** Posts probes from {@code from} until {@code to}, on the other instance, receives one. */
  private static void awaitDelivery(ChatClient from, ChatClient to) throws Exception {
    for (int attempt = 0; attempt < 60; attempt++) {
      String probe = "probe-" + from.name + "-" + attempt;
      from.post(probe);
      if (to.saw(probe, Duration.ofMillis(500))) {
        return;
      }
    }
    throw new AssertionError(to.name + " never heard " + from.name + " after Redis restarted");
  }

  private static Set<String> socketUpstreams(NginxProxy nginx, int sockets) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<String> lines =
          nginx.accessLog().stream().filter(l -> l.startsWith("/chat/socket ")).toList();
      if (lines.size() >= sockets || System.nanoTime() > deadline) {
        Set<String> out = new HashSet<>();
        for (String l : lines) {
          assertThat(l).as("a WebSocket upgrade through nginx").contains(" 101 ");
          out.add(l.substring(l.lastIndexOf(' ') + 1));
        }
        return out;
      }
      Thread.sleep(50); // nginx writes the line when the socket closes: nothing to wait on
    }
  }
}
