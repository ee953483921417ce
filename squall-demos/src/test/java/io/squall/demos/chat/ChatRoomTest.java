package io.squall.demos.chat;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.escape.Json;
import io.squall.ioloop.IOLoop;
import io.squall.testing.ExpectLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The room without sockets: history, order, leaving, and a member whose sink fails. */
class ChatRoomTest {
  private final IOLoop loop = IOLoop.startOnNewThread("chat-room-test");

  @AfterEach
  void stopLoop() {
    loop.shutdown();
  }

  /** Collects the bodies a member receives, and checks each arrives on the member's loop. */
  private final class Inbox implements Consumer<String> {
    final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();

    @Override
    public void accept(String json) {
      if (!loop.inLoopThread()) {
        bodies.add("delivered off the loop: " + Thread.currentThread().getName());
        return;
      }
      try {
        JsonNode node = Json.mapper().readTree(json);
        bodies.add(node.get("body").asText());
      } catch (Exception e) {
        bodies.add("bad JSON: " + json);
      }
    }

    String next() throws InterruptedException {
      String b = bodies.poll(5, SECONDS);
      assertThat(b).as("a message within 5 s").isNotNull();
      return b;
    }

    List<String> next(int n) throws InterruptedException {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(next());
      }
      return out;
    }
  }

  private static ChatMessage message(String body) {
    return new ChatMessage("id-" + body, body, "<div>" + body + "</div>");
  }

  @Test
  void sizesAreChecked() {
    assertThatThrownBy(() -> new ChatRoom(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMemberGetsTheHistoryOldestFirstThenEachPostOnItsLoop() throws Exception {
    ChatRoom room = new ChatRoom(3);
    for (String b : List.of("m1", "m2", "m3", "m4")) {
      room.post(message(b));
    }
    assertThat(room.messages()).extracting(ChatMessage::body).containsExactly("m2", "m3", "m4");

    Inbox inbox = new Inbox();
    room.join(loop, inbox);
    room.post(message("m5"));
    assertThat(inbox.next(4)).containsExactly("m2", "m3", "m4", "m5");
    assertThat(room.memberCount()).isEqualTo(1);
  }

  @Test
  void theJsonHasIdBodyAndHtml() throws Exception {
    ChatRoom room = new ChatRoom();
    BlockingQueue<String> raw = new LinkedBlockingQueue<>();
    room.join(loop, raw::add);
    room.post(new ChatMessage("abc", "<i>x</i>", "<div>&lt;i&gt;x&lt;/i&gt;</div>"));
    JsonNode node = Json.mapper().readTree(raw.poll(5, SECONDS));
    List<String> fields = new ArrayList<>();
    node.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "body", "html");
    assertThat(node.get("id").asText()).isEqualTo("abc");
    assertThat(node.get("body").asText()).isEqualTo("<i>x</i>");
    assertThat(node.get("html").asText()).isEqualTo("<div>&lt;i&gt;x&lt;/i&gt;</div>");
  }

  @Test
  void aMemberThatLeftGetsNothingMore() throws Exception {
    ChatRoom room = new ChatRoom();
    Inbox leaving = new Inbox();
    Inbox staying = new Inbox();
    ChatRoom.Member m = room.join(loop, leaving);
    room.join(loop, staying);
    room.post(message("before"));
    assertThat(leaving.next()).isEqualTo("before");
    assertThat(staying.next()).isEqualTo("before");

    m.leave();
    m.leave(); // twice is fine
    assertThat(room.memberCount()).isEqualTo(1);
    room.post(message("after"));
    // Both are on one loop, which runs callbacks in order: had "leaving" been sent "after", it
    // would have it by the time "staying" does.
    assertThat(staying.next()).isEqualTo("after");
    assertThat(leaving.bodies).isEmpty();
  }

  @Test
  void aMemberWhoseSinkThrowsIsDroppedAndTheOthersGoOn() throws Exception {
    ChatRoom room = new ChatRoom();
    Inbox before = new Inbox();
    Inbox after = new Inbox();
    room.join(loop, before);
    room.join(
        loop,
        json -> {
          throw new IllegalStateException("broken sink");
        });
    room.join(loop, after);
    try (ExpectLog log = ExpectLog.expect(ChatRoom.class.getName(), "could not send")) {
      room.post(message("one"));
      assertThat(before.next()).isEqualTo("one");
      assertThat(after.next()).isEqualTo("one");
    }
    assertThat(room.memberCount()).isEqualTo(2);
    room.post(message("two"));
    assertThat(before.next()).isEqualTo("two");
    assertThat(after.next()).isEqualTo("two");
  }
}
