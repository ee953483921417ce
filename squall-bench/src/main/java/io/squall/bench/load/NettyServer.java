package io.squall.bench.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty 4.2 with {@link HttpServerCodec} on N NIO event loops (one more loop accepts), in the
 * manner of TechEmpower's Netty entry: responses are written as requests arrive and flushed once
 * per read batch. Sends {@code Date}, {@code Server}, {@code Content-Type} and {@code
 * Content-Length}.
 */
public final class NettyServer {
  private static final ByteBuf HELLO =
      Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Payloads.HELLO)).asReadOnly();

  private NettyServer() {}

  private static final class Handler extends SimpleChannelInboundHandler<HttpObject> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (!(msg instanceof HttpRequest req)) {
        return; // the (empty) content of a GET
      }
      FullHttpResponse res;
      switch (req.uri()) {
        case "/hello" -> res = ok(HELLO.duplicate(), Payloads.TEXT_PLAIN);
        case "/json" ->
            res = ok(Unpooled.wrappedBuffer(Payloads.json()), Payloads.APPLICATION_JSON);
        default -> {
          res =
              new DefaultFullHttpResponse(
                  HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
          res.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
      }
      if (HttpUtil.isKeepAlive(req)) {
        ctx.write(res, ctx.voidPromise());
      } else {
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
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

  /** Serves on {@code PORT [LOOPS]}. */
  public static void main(String[] args) throws InterruptedException {
    LoadArgs a = LoadArgs.parse("NettyServer", args);
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
