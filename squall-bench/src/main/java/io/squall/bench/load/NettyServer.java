package io.squall.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.ReferenceCountUtil;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * Netty 4.2 with {@link HttpServerCodec} on N NIO event loops (one more loop accepts), in the
 * manner of TechEmpower's Netty entry: responses are written as requests arrive and flushed once
 * per read batch. Sends {@code Date}, {@code Server}, {@code Content-Type} and {@code
 * Content-Length}. The static file goes out as a {@link DefaultFileRegion} (sendfile) opened per
 * request, as Netty's static file example does; {@code /fortunes} (JDBC) and {@code /slow} run on a
 * virtual thread and write back on the channel's loop; {@code /ws} is an echo after {@link
 * WebSocketServerHandshaker}.
 */
public final class NettyServer {
  private static final ByteBuf HELLO =
      Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Payloads.HELLO)).asReadOnly();

  private static final ExecutorService BLOCKING = Executors.newVirtualThreadPerTaskExecutor();
  private static DataSource pool;
  private static File staticFile;

  private NettyServer() {}

  private static final class Handler extends ChannelInboundHandlerAdapter {
    private WebSocketServerHandshaker handshaker;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof WebSocketFrame frame) {
        frame(ctx, frame);
      } else if (msg instanceof HttpRequest req) {
        request(ctx, req);
        ReferenceCountUtil.release(msg);
      } else {
        ReferenceCountUtil.release(msg); // the (empty) content of a GET
      }
    }

    private void frame(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame instanceof TextWebSocketFrame) {
        ctx.write(frame, ctx.voidPromise()); // echo: the same buffer goes back
      } else if (frame instanceof PingWebSocketFrame) {
        ctx.write(new PongWebSocketFrame(frame.content()), ctx.voidPromise());
      } else if (frame instanceof CloseWebSocketFrame close) {
        handshaker.close(ctx.channel(), close);
      } else {
        frame.release();
      }
    }

    private void request(ChannelHandlerContext ctx, HttpRequest req) {
      String uri = req.uri();
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      switch (uri) {
        case "/hello" -> send(ctx, ok(HELLO.duplicate(), Payloads.TEXT_PLAIN), keepAlive, false);
        case "/json" ->
            send(
                ctx,
                ok(Unpooled.wrappedBuffer(Payloads.json()), Payloads.APPLICATION_JSON),
                keepAlive,
                false);
        case "/static/" + Payloads.STATIC_NAME -> sendFile(ctx, keepAlive);
        case "/fortunes" ->
            BLOCKING.execute(
                () -> {
                  String page = FortuneDb.html(FortuneDb.withExtra(FortuneDb.query(pool)));
                  ByteBuf body = Unpooled.wrappedBuffer(page.getBytes(StandardCharsets.UTF_8));
                  send(ctx, ok(body, Payloads.TEXT_HTML), keepAlive, true);
                });
        case "/slow" ->
            BLOCKING.execute(
                () -> {
                  Payloads.sleepSlow();
                  send(
                      ctx,
                      ok(Unpooled.wrappedBuffer(Payloads.SLOW), Payloads.TEXT_PLAIN),
                      keepAlive,
                      true);
                });
        case "/ws" -> {
          WebSocketServerHandshakerFactory f =
              new WebSocketServerHandshakerFactory("ws://localhost/ws", null, false, 1 << 20);
          handshaker = f.newHandshaker(req);
          if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
          } else {
            handshaker.handshake(ctx.channel(), req);
          }
        }
        default -> {
          FullHttpResponse res =
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
          res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
          send(ctx, res, keepAlive, false);
        }
      }
    }

    private static void send(
        ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive, boolean flush) {
      if (!keepAlive) {
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
      } else if (flush) {
        ctx.writeAndFlush(res, ctx.voidPromise());
      } else {
        ctx.write(res, ctx.voidPromise());
      }
    }

    private static void sendFile(ChannelHandlerContext ctx, boolean keepAlive) {
      HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      HttpHeaders h = res.headers();
      h.set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
      h.set(HttpHeaderNames.CONTENT_LENGTH, staticFile.length());
      h.set(HttpHeaderNames.SERVER, "Netty");
      h.set(HttpHeaderNames.DATE, Payloads.date());
      ctx.write(res, ctx.voidPromise());
      ctx.write(new DefaultFileRegion(staticFile, 0, staticFile.length()), ctx.voidPromise());
      if (keepAlive) {
        ctx.write(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
      } else {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
            .addListener(ChannelFutureListener.CLOSE);
      }
    }

    private static FullHttpResponse ok(ByteBuf body, String type) {
      FullHttpResponse res =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body, false);
      HttpHeaders h = res.headers();
      h.set(HttpHeaderNames.CONTENT_TYPE, type);
      h.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      h.set(HttpHeaderNames.SERVER, "Netty");
      h.set(HttpHeaderNames.DATE, Payloads.date());
      return res;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Serves on {@code PORT [LOOPS [STATIC_DIR]]}. */
  public static void main(String[] args) throws InterruptedException {
    LoadArgs a = LoadArgs.parse("NettyServer", args);
    pool = FortuneDb.pool();
    staticFile = a.staticFile().toFile();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(a.loops(), NioIoHandler.newFactory());
    new ServerBootstrap()
        .group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpServerCodec()).addLast(new Handler());
              }
            })
        .bind("127.0.0.1", a.port())
        .sync();
    a.announce("netty");
  }
}
