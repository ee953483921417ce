package io.squall.adversarial.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's {@link HttpRequestDecoder} (default validation, Squall's size limits) in an {@link
 * EmbeddedChannel}: the second, independent oracle.
 */
final class NettyOracle {
  private NettyOracle() {}

  /** Exposes how many input bytes the decoder still holds. */
  private static final class Decoder extends HttpRequestDecoder {
    Decoder() {
      super(
          new HttpDecoderConfig()
              .setMaxInitialLineLength(8 * 1024)
              .setMaxHeaderSize(64 * 1024)
              .setMaxChunkSize(1 << 20));
    }

    int buffered() {
      ByteBuf b = internalBuffer();
      return b == null ? 0 : b.readableBytes();
    }
  }

  static Outcome parse(byte[] input) {
    Decoder decoder = new Decoder();
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    List<Outcome.Message> messages = new ArrayList<>();
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(input));
      HttpRequest request = null;
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      Object o;
      while ((o = ch.readInbound()) != null) {
        try {
          HttpObject obj = (HttpObject) o;
          if (obj.decoderResult().isFailure()) {
            return new Outcome(
                messages, Outcome.End.ERROR, false, String.valueOf(obj.decoderResult().cause()));
          }
          if (obj instanceof HttpRequest r) {
            request = r;
            body.reset();
          }
          if (obj instanceof HttpContent c) {
            ByteBuf content = c.content();
            byte[] b = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), b);
            body.write(b, 0, b.length);
          }
          if (obj instanceof LastHttpContent && request != null) {
            messages.add(
                new Outcome.Message(request.method().name(), request.uri(), body.toByteArray()));
            if (!HttpUtil.isKeepAlive(request)) {
              return new Outcome(messages, Outcome.End.CLOSED, true, "");
            }
            request = null;
          }
        } finally {
          ReferenceCountUtil.release(o);
        }
      }
      boolean clean = request == null && decoder.buffered() == 0;
      return new Outcome(messages, clean ? Outcome.End.OK : Outcome.End.INCOMPLETE, false, "");
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
