package io.squall.websocket.internal;

import static io.squall.websocket.internal.Wire.concat;
import static io.squall.websocket.internal.Wire.fin;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FrameParser#pause()}: a listener holds back the rest of the buffer. */
class FrameParserPauseTest {
  private static byte[] text(String s) {
    return fin(Opcode.TEXT, s.getBytes(StandardCharsets.UTF_8), false);
  }

  @Test
  void pauseReturnsAfterTheDeliveredFrameAndResumesWhereItStopped() throws Exception {
    List<String> seen = new ArrayList<>();
    FrameParser[] parser = new FrameParser[1];
    Recorder r =
        new Recorder() {
          @Override
          public void onText(String message) {
            seen.add(message);
            parser[0].pause();
          }
        };
    parser[0] = new FrameParser(Role.CLIENT, 1 << 20, null, r);
    byte[] ping = fin(Opcode.PING, new byte[] {7}, false);
    ByteBuffer in = ByteBuffer.wrap(concat(text("a"), ping, text("b"), text("c")));

    parser[0].feed(in);
    assertThat(seen).containsExactly("a");
    assertThat(in.remaining()).isEqualTo(ping.length + 2 * 3);

    parser[0].feed(in); // the ping does not pause; the next text does
    assertThat(seen).containsExactly("a", "b");
    assertThat(r.events).containsExactly("ping:07");

    parser[0].feed(in);
    assertThat(seen).containsExactly("a", "b", "c");
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void aPauseDoesNotCarryOverToTheNextFeed() throws Exception {
    List<String> seen = new ArrayList<>();
    FrameParser[] parser = new FrameParser[1];
    Recorder r =
        new Recorder() {
          @Override
          public void onText(String message) {
            seen.add(message);
            if (message.equals("stop")) {
              parser[0].pause();
            }
          }
        };
    parser[0] = new FrameParser(Role.CLIENT, 1 << 20, null, r);
    byte[] stop = text("stop");
    parser[0].feed(ByteBuffer.wrap(stop)); // pauses at the very end of its input
    parser[0].feed(ByteBuffer.wrap(concat(text("x"), text("y"))));
    assertThat(seen).containsExactly("stop", "x", "y");
  }
}
