package io.squall.web;

import io.squall.http.HttpConnection;
import io.squall.http.HttpInputException;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpServerRequest;
import io.squall.http.internal.BodyCollector;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Carries one request from the connection to its handler (Tornado's {@code _HandlerDelegate}):
 * routes when the headers arrive, buffers the body (or streams it to a {@link StreamRequestBody}
 * handler), then runs the handler.
 */
final class HandlerDelegate implements HttpMessageDelegate {
  private final Application app;
  private final HttpConnection connection;
  private RequestHandler handler;
  private HttpServerRequest request;
  private boolean streaming;
  private BodyCollector body;

  HandlerDelegate(Application app, HttpConnection connection) {
    this.app = app;
    this.connection = connection;
  }

  @Override
  public CompletionStage<?> headersReceived(HttpServerRequest request) {
    this.request = request;
    Application.Routed routed = app.route(request.hostName(), request.path());
    handler = routed.handler();
    handler.init(routed.app(), request, routed.groups(), routed.names());
    streaming = handler.dispatch().streamRequestBody();
    if (streaming) {
      handler.startBodyStream();
      // prepare() runs now, and the body is read once it completes; the verb method after the body
      return handler.execute();
    }
    body = new BodyCollector(request.headers().get("Content-Length"));
    return null;
  }

  @Override
  public CompletionStage<?> dataReceived(ByteBuffer chunk) {
    if (streaming) {
      if (handler.isFinished()) {
        return null;
      }
      return handler.dataReceived(chunk);
    }
    body.append(chunk);
    return null;
  }

  @Override
  public void finish() {
    if (streaming) {
      handler.bodyStreamFinished();
      return;
    }
    request.setBody(body.toArray());
    body = null;
    try {
      request.parseBody(app.settings().multipartLimits());
    } catch (HttpInputException e) {
      handler.sendError(e.status(), HttpError.withReason(e.status(), null, e.getMessage()));
      return;
    }
    handler.execute();
  }

  @Override
  public void onConnectionClose() {
    if (handler != null && !handler.isFinished()) {
      handler.connectionLost();
    }
  }

  HttpConnection connection() {
    return connection;
  }
}
