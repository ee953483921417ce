package io.squall.web.internal;

import io.squall.escape.Escape;
import io.squall.http.HttpConnection;
import io.squall.http.HttpInputException;
import io.squall.http.HttpServerRequest;
import io.squall.ioloop.internal.Futures;
import io.squall.iostream.StreamClosedError;
import io.squall.web.Finish;
import io.squall.web.HttpError;
import io.squall.web.RequestHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a handler fails: {@link Finish} ends the response, a client that went away ends
 * the request quietly, bad input becomes its 4xx, anything else is logged and answered with an
 * error page (Tornado's {@code send_error}, {@code write_error}, {@code log_exception}).
 */
public final class ErrorResponder {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);
  private static final Logger genLog = LoggerFactory.getLogger("squall.general");

  private ErrorResponder() {}

  /** Handles an exception from the handler of {@code inv}, on the loop. */
  public static void handle(HandlerInvoker inv, Throwable e) {
    e = Futures.unwrap(e);
    RequestHandler handler = inv.handler();
    ResponseBuffer out = inv.response();
    if (e instanceof Finish) {
      if (!out.finished()) {
        handler.finish();
      }
      return;
    }
    // A write or body read failed because the client went away: that is no server error. The
    // handler hears of it (onConnectionClose) and the request ends quietly, without ERROR lines
    // for every client that leaves early.
    boolean clientLeft =
        e instanceof StreamClosedError || (e instanceof IOException && out.clientGone());
    if (clientLeft) {
      inv.connectionLost(); // a failed write may tell before the connection does; runs once
    }
    if (out.finished()) {
      if (!(e instanceof HttpError) && !clientLeft) {
        log.error("Exception after {} was finished", inv.request(), e);
      }
      return;
    }
    if (e instanceof HttpInputException hie) {
      // bad client input (e.g. invalid UTF-8 in an argument): a 4xx with a warning, not a 500
      e = new HttpError(hie.status(), "%s", hie.getMessage());
    }
    if (clientLeft) {
      log.debug("client went away during {}: {}", summary(inv.request()), e.toString());
      endAfterClientLeft(inv);
      return;
    }
    inv.logException(e);
    if (e instanceof HttpError he) {
      handler.sendError(he.status(), he);
    } else {
      handler.sendError(500, e);
    }
  }

  /**
   * Ends a request whose client went away: nobody can receive an error page. The access log gets a
   * line only when a response had been started.
   */
  private static void endAfterClientLeft(HandlerInvoker inv) {
    ResponseBuffer out = inv.response();
    out.markFinished();
    HttpConnection conn = inv.request().connection();
    if (conn != null && !conn.isClosed()) {
      conn.abort();
    }
    inv.ended(out.headersWritten());
  }

  /**
   * Sends an error page for {@code status}, on the loop: clears what was written, then calls the
   * handler's {@code writeError} (not for the bodiless 1xx, 204 and 304) and finishes. After the
   * headers were sent this can only abort the response.
   */
  public static void sendError(HandlerInvoker inv, int status, Throwable cause) {
    RequestHandler handler = inv.handler();
    ResponseBuffer out = inv.response();
    if (out.headersWritten()) {
      if (!out.clientGone()) {
        genLog.error("Cannot send error response after headers written");
      }
      if (!out.finished()) {
        HttpConnection conn = inv.request().connection();
        if (conn != null) {
          conn.abort();
        }
        inv.ended(true);
      }
      return;
    }
    handler.clear();
    HandlerDispatch dispatch = inv.dispatch();
    if (status == 405 && dispatch != null) {
      // without the request's own verb: a method that answered 405 (by calling the declared base
      // method) does not allow it
      String method = inv.request().method();
      handler.setHeader(
          "Allow",
          String.join(
              ", ", dispatch.allowedVerbs().stream().filter(v -> !v.equals(method)).toList()));
    }
    String reason = null;
    if (cause instanceof HttpError he) {
      reason = he.reason();
    }
    handler.setStatus(status, reason);
    try {
      if (status != 204 && status != 304 && status >= 200) {
        handler.writeError(status, cause); // these statuses have no body (HttpError(304) works)
      }
    } catch (RuntimeException e) {
      log.error("Uncaught exception in writeError", e);
    }
    if (!out.finished()) {
      handler.finish();
    }
  }

  /**
   * The default error page: a small HTML page, or with the {@code serveTraceback} setting and an
   * exception other than {@link HttpError}, the stack trace as plain text.
   */
  public static void writeDefaultPage(
      RequestHandler handler, String reason, int status, Throwable cause) {
    if (cause != null && handler.settings().serveTraceback() && !(cause instanceof HttpError)) {
      handler.setHeader("Content-Type", "text/plain; charset=UTF-8");
      StringWriter sw = new StringWriter();
      cause.printStackTrace(new PrintWriter(sw));
      handler.write(sw.toString());
      return;
    }
    String text = Escape.xhtmlEscape(status + ": " + reason);
    handler.write("<html><title>" + text + "</title><body>" + text + "</body></html>");
  }

  /**
   * The default {@code logException}: an {@link HttpError}'s log message as a warning, anything
   * else as an error with its stack trace.
   */
  public static void logDefault(HttpServerRequest request, Throwable e) {
    if (e instanceof HttpError he) {
      if (he.logMessage() != null) {
        genLog.warn("{} {}: {}", he.status(), summary(request), he.logMessage());
      }
    } else {
      log.error("Uncaught exception {}\n{}", summary(request), request, e);
    }
  }

  /** {@code METHOD uri (remote ip)}, for log lines. */
  public static String summary(HttpServerRequest request) {
    return request.method() + " " + request.uri() + " (" + request.remoteIp() + ")";
  }
}
