package io.squall.web;

import io.squall.http.HttpConnection;
import io.squall.http.HttpInputException;
import io.squall.http.HttpMessageDelegate;
import io.squall.http.HttpServerRequest;
import io.squall.http.internal.BodyCollector;
import io.squall.http.internal.HttpAccess;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * Carries one request from the connection to its handler (Tornado's {@code _HandlerDelegate}):
 * routes when the headers arrive, buffers the body (or streams it to a {@link StreamRequestBody}
 * handler), then runs the handler.
 */
final class HandlerDelegate implements HttpMessageDelegate {
  private static final HttpAccess.Requests REQUESTS = HttpAccess.requests();

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
    streaming = handler.invoker().dispatch().streamRequestBody();
    if (streaming) {
      handler.invoker().startBodyStream();
      // prepare() runs now, and the body is read once it completes; the verb method after the body
      return handler.invoker().execute();
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
      handler.invoker().bodyStreamFinished();
      return;
    }
    REQUESTS.setBody(request, body.toArray());
    body = null;
    try {
      // a malformed body leaves the arguments empty; only too many multipart parts throw (413)
      REQUESTS.parseBody(request, app.settings().multipartLimits());
    } catch (HttpInputException e) {
      handler.sendError(e.status(), HttpError.withReason(e.status(), null, e.getMessage()));
      return;
    }
    handler.invoker().execute();
  }

  @Override
  public void onConnectionClose() {
    if (handler != null && !handler.isFinished()) {
      handler.invoker().connectionLost();
    }
  }

  HttpConnection connection() {
    return connection;
  }
}
