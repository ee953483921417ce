package io.squall.websocket;

import io.squall.web.Blocking;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** WebSocket handlers the tests serve, and what they saw. */
public final class Sockets {
  private Sockets() {}

  /** How a server-side connection closed. */
  record Closed(int code, String reason) {}

  /** What the handlers of one test saw, in order, from any thread. */
  static final class Events {
    final BlockingQueue<String> log = new LinkedBlockingQueue<>();
    final BlockingQueue<Closed> closes = new LinkedBlockingQueue<>();

    void add(String event) {
      log.add(event);
    }

    String next() throws InterruptedException {
      String e = log.poll(10, TimeUnit.SECONDS);
      if (e == null) {
        throw new AssertionError("no event within 10 s");
      }
      return e;
    }

    Closed nextClose() throws InterruptedException {
      Closed c = closes.poll(10, TimeUnit.SECONDS);
      if (c == null) {
        throw new AssertionError("no close within 10 s");
      }
      return c;
    }
  }

  /** Echoes text as text and binary as binary; reports the close. */
  public static class Echo extends WebSocketHandler {
    final Events events;

    Echo(Events events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      events.add("open " + String.join(",", pathArgs));
      return null;
    }

    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }

    @Override
    public void onMessage(byte[] message) {
      writeMessage(message);
    }

    @Override
    public void onPong(byte[] data) {
      events.add("pong");
    }

    @Override
    public void onClose() {
      events.closes.add(new Closed(closeCode(), closeReason()));
    }
  }

  /** Echo with permessage-deflate. */
  public static class DeflateEcho extends Echo {
    DeflateEcho(Events events) {
      super(events);
    }

    @Override
    public CompressionOptions getCompressionOptions() {
      return CompressionOptions.defaults();
    }
  }

  /** Closes with 1001 as soon as it opens. */
  public static class GoingAway extends Echo {
    GoingAway(Events events) {
      super(events);
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      close(CloseCode.GOING_AWAY, "server going away");
      return null;
    }
  }

  /** Picks "chat.v2" when offered; says which it picked as its first message. */
  public static class Subprotocols extends Echo {
    Subprotocols(Events events) {
      super(events);
    }

    @Override
    public String selectSubprotocol(List<String> subprotocols) {
      events.add("offered " + subprotocols);
      return subprotocols.contains("chat.v2") ? "chat.v2" : null;
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      writeMessage("selected " + selectedSubprotocol());
      return null;
    }
  }

  /** Throws from onMessage. */
  public static class Throwing extends Echo {
    Throwing(Events events) {
      super(events);
    }

    @Override
    public void onMessage(String message) {
      throw new IllegalStateException("handler failure (expected by the test)");
    }
  }

  /** Accepts text only: binary gets the default 1003. */
  public static class TextOnly extends WebSocketHandler {
    final Events events;

    TextOnly(Events events) {
      this.events = events;
    }

    @Override
    public void onMessage(String message) {
      writeMessage(message);
    }

    @Override
    public void onClose() {
      events.closes.add(new Closed(closeCode(), closeReason()));
    }
  }

  /** open() completes only when the test says so; messages must wait for it. */
  public static class SlowOpen extends Echo {
    final CompletableFuture<Void> gate;

    SlowOpen(Events events, CompletableFuture<Void> gate) {
      super(events);
      this.gate = gate;
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      events.add("opening");
      return gate.thenRun(() -> events.add("opened"));
    }

    @Override
    public void onMessage(String message) {
      events.add("message " + message);
      writeMessage(message);
    }
  }

  /**
   * A {@link Blocking} handler: every call records its thread kind, start and end; each message
   * takes a few milliseconds, and the last one ("last") is answered with "done".
   */
  @Blocking
  public static class BlockingRecorder extends WebSocketHandler {
    final Events events;

    BlockingRecorder(Events events) {
      this.events = events;
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      events.add("open virtual=" + Thread.currentThread().isVirtual());
      return null;
    }

    @Override
    public void onMessage(String message) {
      events.add("start " + message);
      try {
        Thread.sleep(3); // simulated blocking work, so that overlapping calls would show
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      events.add("end " + message + " virtual=" + Thread.currentThread().isVirtual());
      if (message.equals("last")) {
        writeMessage("done").join(); // from the virtual thread: hops to the loop
      }
    }

    @Override
    public void onClose() {
      events.add("close virtual=" + Thread.currentThread().isVirtual());
      events.closes.add(new Closed(closeCode(), closeReason()));
    }
  }

  /** Sets a header in prepare(): it must reach the 101 response. */
  public static class WithPrepare extends Echo {
    WithPrepare(Events events) {
      super(events);
    }

    public void prepare() {
      setHeader("X-Prepared", "yes");
    }
  }

  /** Writes a JSON object on open. */
  public static class Json extends Echo {
    Json(Events events) {
      super(events);
    }

    @Override
    public CompletionStage<?> open(String... pathArgs) {
      writeMessage(java.util.Map.of("hello", List.of(1, 2)));
      return null;
    }
  }
}
