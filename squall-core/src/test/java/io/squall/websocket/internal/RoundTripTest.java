package io.squall.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.squall.websocket.CompressionOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Writer to parser, through a negotiated agreement, in both directions. */
class RoundTripTest {
  /** One direction of a connection: the sender's writer and the receiver's parser. */
  private static final class Link implements AutoCloseable {
    final Recorder received = new Recorder();
    final FrameWriter writer;
    final FrameParser parser;
    final MessageCompressor compressor;
    final MessageDecompressor decompressor;
    long wireBytes;

    Link(Role sender, String offer, CompressionOptions options, int fragmentSize, int max) {
      DeflateAgreement agreement = PerMessageDeflate.negotiateAsServer(offer, options);
      Role receiver = sender == Role.SERVER ? Role.CLIENT : Role.SERVER;
      compressor = agreement == null ? null : agreement.newCompressor(sender, 6);
      decompressor = agreement == null ? null : agreement.newDecompressor(receiver);
      writer = new FrameWriter(sender, compressor, fragmentSize);
      parser = new FrameParser(receiver, max, decompressor, received);
    }

    /** Sends the frames, delivered in reads of {@code chunk} bytes. */
    void send(ByteBuffer[] frames, int chunk) throws WebSocketProtocolException {
      byte[] wire = Wire.concat(frames);
      wireBytes += wire.length;
      for (int i = 0; i < wire.length; i += chunk) {
        parser.feed(ByteBuffer.wrap(wire, i, Math.min(chunk, wire.length - i)));
      }
    }

    @Override
    public void close() {
      if (compressor != null) {
        compressor.close();
      }
      if (decompressor != null) {
        decompressor.close();
      }
    }
  }

  static Stream<Arguments> configurations() {
    List<Arguments> list = new ArrayList<>();
    for (Role sender : Role.values()) {
      for (String offer :
          new String[] {
            null,
            "permessage-deflate",
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover"
          }) {
        for (int fragmentSize : new int[] {0, 7, 70_000}) {
          list.add(Arguments.of(sender, offer, fragmentSize));
        }
      }
    }
    return list.stream();
  }

  @ParameterizedTest(name = "{0} offer={1} fragment={2}")
  @MethodSource("configurations")
  void messagesSurviveTheTrip(Role sender, String offer, int fragmentSize) throws Exception {
    Random random = new Random(11);
    byte[] big = new byte[(1 << 20) + 77];
    random.nextBytes(big);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 1_200_000) {
      sb.append("Grüße, 世界 🌍 ").append(sb.length()).append('\n');
    }
    String bigText = sb.toString();
    try (Link link =
        new Link(sender, offer, CompressionOptions.defaults(), fragmentSize, 4 << 20)) {
      for (int chunk : new int[] {1000, 3}) {
        link.received.events.clear();
        link.received.messages.clear();
        link.send(link.writer.text("Hello"), chunk);
        link.send(link.writer.ping("p".getBytes(StandardCharsets.US_ASCII)), chunk);
        link.send(link.writer.text(""), chunk);
        link.send(link.writer.binary(new byte[] {0, 1, 2, (byte) 0xFF}), chunk);
        link.send(link.writer.text("Hello"), chunk);
        link.send(link.writer.pong(new byte[0]), chunk);
        link.send(link.writer.binary(new byte[0]), chunk);
        boolean sendBig = chunk > 3 && fragmentSize != 7; // tiny fragments only for small ones
        if (sendBig) {
          link.send(link.writer.binary(big), chunk);
          link.send(link.writer.text(bigText), chunk);
        }
        assertThat(link.received.events.subList(0, 7))
            .containsExactly(
                "text:Hello",
                "ping:70",
                "text:",
                "binary:000102ff",
                "text:Hello",
                "pong:",
                "binary:");
        if (sendBig) {
          assertThat((byte[]) link.received.messages.get(5)).isEqualTo(big);
          assertThat((String) link.received.messages.get(6)).isEqualTo(bigText);
        }
      }
      link.send(link.writer.close(1000, "done"), 5);
      assertThat(link.received.events).endsWith("close:1000:done");
      assertThat(link.parser.isCloseReceived()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roles")
  void contextTakeoverShrinksRepeatedMessages(Role sender) throws Exception {
    String message = "{\"type\":\"update\",\"symbol\":\"SQL\",\"price\":123.45,\"volume\":1000}";
    List<Long> withContext = sizes(sender, "permessage-deflate", message);
    List<Long> withoutContext =
        sizes(
            sender,
            "permessage-deflate; server_no_context_takeover; client_no_context_takeover",
            message);
    // Later messages refer back to the first and get much smaller...
    assertThat(withContext.subList(1, 5)).allMatch(s -> s < withContext.get(0) / 2);
    // ...unless the context is dropped after each message.
    assertThat(withoutContext).allMatch(s -> s.equals(withoutContext.get(0)));
    assertThat(withoutContext.get(0)).isEqualTo(withContext.get(0));
  }

  static Stream<Role> roles() {
    return Stream.of(Role.values());
  }

  private static List<Long> sizes(Role sender, String offer, String message) throws Exception {
    List<Long> sizes = new ArrayList<>();
    try (Link link = new Link(sender, offer, CompressionOptions.defaults(), 0, 1 << 20)) {
      for (int i = 0; i < 5; i++) {
        long before = link.wireBytes;
        link.send(link.writer.text(message), 5);
        sizes.add(link.wireBytes - before);
        assertThat(link.received.messages.get(i)).isEqualTo(message);
      }
    }
    return sizes;
  }
}
